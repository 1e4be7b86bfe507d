using Dure.Language;

namespace Dure.Language.Tests;

public class JosaTests
{
    [Theory]
    [InlineData("거실", Particle.EulReul, "을")]
    [InlineData("주방", Particle.EulReul, "을")]
    [InlineData("조명", Particle.EulReul, "을")]
    [InlineData("선풍기", Particle.EulReul, "를")]
    [InlineData("에어컨", Particle.IGa, "이")]
    [InlineData("보일러", Particle.IGa, "가")]
    [InlineData("침실", Particle.EunNeun, "은")]
    [InlineData("베란다", Particle.EunNeun, "는")]
    [InlineData("현관", Particle.GwaWa, "과")]
    [InlineData("커튼", Particle.GwaWa, "과")]
    [InlineData("창문", Particle.IRangRang, "이랑")]
    [InlineData("소파", Particle.IRangRang, "랑")]
    [InlineData("음악", Particle.Ina, "이나")]
    [InlineData("라디오", Particle.Ina, "나")]
    [InlineData("거실 조명", Particle.IeyoYeyo, "이에요")]
    [InlineData("스피커", Particle.IeyoYeyo, "예요")]
    [InlineData("민준", Particle.AYa, "아")]
    [InlineData("지수", Particle.AYa, "야")]
    [InlineData("작은방", Particle.IyaYa, "이야")]
    [InlineData("서재", Particle.IyaYa, "야")]
    [InlineData("안방", Particle.IragoRago, "이라고")]
    [InlineData("다락", Particle.IragoRago, "이라고")]
    [InlineData("부엌", Particle.EulReul, "을")]
    [InlineData("무드등", Particle.EulReul, "을")]
    public void Final_consonant_chooses_the_form(string word, Particle particle, string expected) =>
        Assert.Equal(expected, Josa.Of(word, particle));

    [Theory]
    [InlineData("거실", "로")]
    [InlineData("서울", "로")]
    [InlineData("물", "로")]
    [InlineData("주방", "으로")]
    [InlineData("부엌", "으로")]
    [InlineData("침대", "로")]
    [InlineData("3층", "으로")]
    [InlineData("24도", "로")]
    public void Rieul_final_takes_ro(string word, string expected) =>
        Assert.Equal(expected, Josa.Of(word, Particle.EuroRo));

    [Fact]
    public void Rieul_final_still_takes_the_consonant_forms_of_other_particles()
    {
        Assert.Equal("을", Josa.Of("거실", Particle.EulReul));
        Assert.Equal("이", Josa.Of("거실", Particle.IGa));
        Assert.Equal("은", Josa.Of("거실", Particle.EunNeun));
        Assert.Equal("과", Josa.Of("거실", Particle.GwaWa));
    }

    [Theory]
    [InlineData("거실", Particle.EulReul, "거실을")]
    [InlineData("선풍기", Particle.EulReul, "선풍기를")]
    [InlineData("거실", Particle.EuroRo, "거실로")]
    [InlineData("안방", Particle.EuroRo, "안방으로")]
    public void Attach_appends_the_particle(string word, Particle particle, string expected) =>
        Assert.Equal(expected, Josa.Attach(word, particle));

    [Theory]
    [InlineData("거실 ", "을")]
    [InlineData("선풍기.", "를")]
    [InlineData("(거실)", "을")]
    [InlineData("\"주방\"", "을")]
    [InlineData("'베란다'", "를")]
    [InlineData("조명!?", "을")]
    [InlineData("「침실」", "을")]
    public void Trailing_spaces_punctuation_brackets_and_quotes_are_skipped(string word, string expected) =>
        Assert.Equal(expected, Josa.Of(word, Particle.EulReul));

    [Theory]
    [InlineData("1", "로", "을")] // 일
    [InlineData("2", "로", "를")] // 이
    [InlineData("3", "으로", "을")] // 삼
    [InlineData("4", "로", "를")] // 사
    [InlineData("5", "로", "를")] // 오
    [InlineData("6", "으로", "을")] // 육
    [InlineData("7", "로", "을")] // 칠
    [InlineData("8", "로", "을")] // 팔
    [InlineData("9", "로", "를")] // 구
    [InlineData("0", "으로", "을")] // 영
    [InlineData("10", "으로", "을")] // 십
    [InlineData("20", "으로", "을")] // 이십
    [InlineData("21", "로", "을")] // 이십일
    [InlineData("100", "으로", "을")] // 백
    [InlineData("1000", "으로", "을")] // 천
    [InlineData("1,000", "으로", "을")] // 천
    [InlineData("10000", "으로", "을")] // 만
    [InlineData("300000", "으로", "을")] // 삼십만
    [InlineData("100000000", "으로", "을")] // 억
    [InlineData("20.5", "로", "를")] // 이십 점 오
    [InlineData("3.0", "으로", "을")] // 삼 점 영
    public void Digits_are_read_in_sino_korean(string number, string ro, string eul)
    {
        Assert.Equal(ro, Josa.Of(number, Particle.EuroRo));
        Assert.Equal(eul, Josa.Of(number, Particle.EulReul));
    }

    [Theory]
    [InlineData("24도", "를")]
    [InlineData("50%", "를")]
    [InlineData("21°C", "를")]
    [InlineData("21℃", "를")]
    [InlineData("3층", "을")]
    [InlineData("5km", "를")]
    [InlineData("2kg", "을")]
    [InlineData("3 kg", "을")]
    [InlineData("100kWh", "를")]
    public void Units_after_numbers_are_read_by_their_korean_names(string word, string expected) =>
        Assert.Equal(expected, Josa.Of(word, Particle.EulReul));

    [Theory]
    [InlineData("TV", "를", "로")] // 티비
    [InlineData("AC", "를", "로")] // 에이씨
    [InlineData("LED", "를", "로")] // 엘이디
    [InlineData("HTML", "을", "로")] // 에이치티엠엘
    [InlineData("CNN", "을", "으로")] // 씨엔엔
    [InlineData("M", "을", "으로")] // 엠
    [InlineData("Wi-Fi", "를", "로")] // 와이파이
    [InlineData("app", "을", "으로")] // 앱
    [InlineData("gym", "을", "으로")] // 짐
    [InlineData("pool", "을", "로")] // 풀
    [InlineData("channel", "을", "로")] // 채널
    [InlineData("Netflix", "를", "로")] // 넷플릭스
    [InlineData("YouTube", "를", "로")] // 유튜브
    [InlineData("iPad", "를", "로")] // 아이패드
    [InlineData("phone", "을", "으로")] // 폰
    [InlineData("game", "을", "으로")] // 게임
    [InlineData("Google", "을", "로")] // 구글
    [InlineData("speaker", "를", "로")] // 스피커
    [InlineData("ring", "을", "으로")] // 링
    [InlineData("book", "을", "으로")] // 북
    [InlineData("music", "을", "으로")] // 뮤직
    [InlineData("robot", "을", "으로")] // 로봇
    [InlineData("light", "를", "로")] // 라이트
    [InlineData("desk", "를", "로")] // 데스크
    [InlineData("web", "을", "으로")] // 웹
    [InlineData("Spotify", "를", "로")] // 스포티파이
    [InlineData("Disney+", "를", "로")] // 디즈니플러스
    public void Latin_words_follow_their_korean_pronunciation(string word, string eul, string ro)
    {
        Assert.Equal(eul, Josa.Of(word, Particle.EulReul));
        Assert.Equal(ro, Josa.Of(word, Particle.EuroRo));
    }

    [Theory]
    [InlineData("ㅋㅋ", "을")]
    [InlineData("ㅏ", "를")]
    public void Jamo_are_read_by_their_names(string word, string expected) =>
        Assert.Equal(expected, Josa.Of(word, Particle.EulReul));

    [Theory]
    [InlineData("", Particle.EulReul, "을(를)")]
    [InlineData("🙂", Particle.IGa, "이(가)")]
    [InlineData("漢", Particle.EuroRo, "(으)로")]
    [InlineData("...", Particle.EunNeun, "은(는)")]
    public void Unreadable_endings_get_the_written_fallback(string word, Particle particle, string expected) =>
        Assert.Equal(expected, Josa.Of(word, particle));

    [Fact]
    public void Every_particle_has_three_forms()
    {
        foreach (var particle in Enum.GetValues<Particle>())
        {
            Assert.NotEqual(Josa.Of("방", particle), Josa.Of("바", particle));
            Assert.NotEmpty(Josa.Of("", particle));
        }
    }

    [Fact]
    public void Particles_are_sorted_longest_first_and_distinct()
    {
        var particles = Josa.Particles;
        for (var i = 1; i < particles.Count; i++)
        {
            Assert.True(particles[i - 1].Length >= particles[i].Length, $"{particles[i - 1]} before {particles[i]}");
        }

        Assert.Equal(particles.Count, particles.Distinct().Count());
        foreach (var common in new[] { "은", "는", "이", "가", "을", "를", "에", "에서", "에게", "께", "한테", "의", "로", "으로", "와", "과", "도", "만", "까지", "부터", "이랑", "랑", "하고", "보다", "처럼", "마다" })
        {
            Assert.Contains(common, particles);
        }
    }

    [Fact]
    public void Particles_cannot_be_changed_through_the_list() =>
        Assert.False(Josa.Particles is string[]);
}
