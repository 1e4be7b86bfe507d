using Dure.Homes;
using static Dure.Understanding.Lexicon.VocabularyBuilder;

namespace Dure.Understanding.Lexicon;

/// <summary>
/// Korean words for controlling and asking about a home. Matching ignores spaces, so "거실불켜줘" and
/// "거실 불 켜 줘" segment alike; verb stems and endings are separate entries so every politeness level
/// (켜, 켜줘, 켜 줄래, 켜 주시겠어요, 켜라, 켜 봐) is covered by combination rather than by listing sentences.
/// </summary>
internal static class KoreanVocabulary
{
    public static VocabularyBuilder Build()
    {
        var v = new VocabularyBuilder();
        AddDeviceKinds(v);
        AddActions(v);
        AddStates(v);
        AddQuestions(v);
        AddSettings(v);
        AddFunctionWords(v);
        ServiceVocabulary.AddKorean(v);
        return v;
    }

    private static void AddDeviceKinds(VocabularyBuilder v)
    {
        v.Add(Noun(new Sense(DeviceDomains.Light)), "조명, 불, 등, 전등, 불빛, 라이트, 램프, 조명등, 전구, 형광등, 실내등");
        v.Add(Noun(new Sense(DeviceDomains.Switch)), "스위치, 콘센트, 멀티탭, 대기전력, 대기 전력");
        v.Add(Noun(new Sense(DeviceDomains.Fan)), "선풍기, 팬, 환풍기, 서큘레이터, 환기팬, 환기 팬, 실링팬");
        v.Add(Noun(Cover("curtain")), "커튼, 전동 커튼, 암막 커튼");
        v.Add(Noun(Cover("blind")), "블라인드, 롤 블라인드, 롤스크린, 버티컬");
        v.Add(Noun(Cover("shade")), "차양, 햇빛 가리개, 쉐이드");
        v.Add(Noun(Cover("shutter")), "셔터, 덧문");
        v.Add(Noun(Cover("awning")), "어닝");
        v.Add(Noun(Cover("garage"), Binary("garage_door")), "차고문, 차고 문, 차고 셔터, 주차장 문");
        v.Add(Noun(Cover("gate")), "대문, 게이트");
        v.Add(Noun(Cover("window"), Binary("window")), "창문, 창, 윈도우");
        v.Add(Noun(Binary("opening"), new Sense(DeviceDomains.Lock), Cover("door"), Binary("door")), "문, 출입문, 도어");
        v.Add(Noun(new Sense(DeviceDomains.Lock)), "도어락, 도어 락, 자물쇠, 잠금장치, 잠금 장치, 디지털 도어락");
        v.Add(Noun(new Sense(DeviceDomains.Climate)), "난방, 보일러, 에어컨, 냉방, 냉난방기, 냉방기, 난방기, 온도 조절기, 온도조절기, 온도 조절 장치, 히터, 온풍기, 바닥 난방, 바닥난방, 냉난방");
        v.Add(Noun(new Sense(DeviceDomains.Valve, "gas"), Binary("gas")), "가스, 가스 밸브, 가스밸브, 가스 중간 밸브, 중간 밸브");
        v.Add(Noun(new Sense(DeviceDomains.Valve, "water")), "수도, 수도 밸브, 수도꼭지");
        v.Add(Noun(new Sense(DeviceDomains.Valve)), "밸브");
        v.Add(Noun(new Sense(DeviceDomains.MediaPlayer)), "티비, tv, 텔레비전, 텔레비, 스피커, 셋톱박스, 셋톱 박스, 오디오");
        v.Add(Noun(new Sense(DeviceDomains.Scene)), "장면, 씬");
        v.Add(Noun(new Sense(DeviceDomains.Script)), "스크립트, 루틴");
        v.Add(Noun(new Sense(DeviceDomains.Vacuum)), "청소기, 로봇 청소기, 로봇청소기");

        // Sensors by what they sense; "X 센서" segments as X + 센서.
        v.Add(Noun(new Sense(DeviceDomains.BinarySensor), new Sense(DeviceDomains.Sensor)), "센서, 감지기, 탐지기");
        v.Add(Noun(new Sense(null)), "기기, 장치, 디바이스, 기계, 장비, 것, 거, 게, 데");
        v.Add(Noun(Binary("battery")), "배터리, 건전지");
        v.Add(Noun(Binary("carbon_monoxide")), "일산화탄소, 일산화 탄소, 씨오");
        v.Add(Noun(Binary("smoke")), "연기, 화재");
        v.Add(Noun(Binary("moisture")), "누수, 물 샘, 침수");
        v.Add(Noun(Binary("motion")), "모션, 움직임, 동작 감지");
        v.Add(Noun(Binary("occupancy")), "재실, 인체 감지, 인체");
        v.Add(Noun(Binary("sound")), "소음, 소리 센서, 소음 센서");
        v.Add(Noun(Binary("vibration")), "진동");
        v.Add(Noun(Binary("tamper")), "탬퍼, 조작");
        v.Add(Noun(Binary("light")), "표시등, 빛 감지");
        v.Add(Noun(Binary("update")), "업데이트");

        // What a sensor measures, to tell apart sensors that share a name.
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "humidity")), "습도");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "precipitation")), "강수량, 누적 강수량");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "carbon_dioxide")), "이산화탄소");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "energy")), "전력량, 에너지");
    }

    private static void AddActions(VocabularyBuilder v)
    {
        v.Add(Act(ActionKind.On), "켜, 켜기, 켤, 켭, 켜다, 틀어, 틀, 틀기, 작동, 가동, 실행, 활성화, 동작시켜, 온, 돌려, 시작");
        v.Add(Act(ActionKind.On) with { Senses = [new Sense(DeviceDomains.Light)] }, "점등, 환하게 해");
        v.Add(Act(ActionKind.Off), "꺼, 끄, 끄기, 끌, 끕, 종료, 중지, 정지, 비활성화, 오프, 멈춰, 멈추, 소등, 차단");
        v.Add(Act(ActionKind.Open), "열어, 열, 열기, 여세요, 여시오, 여십시오, 개방, 걷어");
        v.Add(Act(ActionKind.Close), "닫아, 닫, 닫기, 닫으, 쳐");
        v.Add(Act(ActionKind.Lock), "잠가, 잠궈, 잠그, 잠금, 잠그기, 걸어, 잠가주");
        v.Add(Act(ActionKind.Unlock), "잠금 해제, 잠금해제, 해제, 풀어");
        v.Add(Act(ActionKind.Set), "설정, 맞춰, 맞추, 맞춤, 변경, 바꿔, 바꾸, 조절, 조정, 만들어, 세팅, 셋팅");
        v.Add(Act(ActionKind.Raise), "올려, 올리, 높여, 높이, 세게, 키워, 키우");
        v.Add(Act(ActionKind.Lower), "내려, 내리, 낮춰, 낮추, 약하게, 줄여, 줄이");
        v.Add(Of(LexKind.Negation), "지마, 지 마, 지 말아, 지말아, 지 말고, 지말고, 지 않, 지않, 하지마, 하지 마");
        v.Add(Of(LexKind.Nevermind), "됐어, 됐다, 됐습니다, 아무것도 아니야, 아무 것도 아니야, 신경 쓰지 마, 신경쓰지마, 잊어버려, 없던 일로 해, 그만, 그만해");
    }

    private static void AddStates(VocabularyBuilder v)
    {
        v.Add(State(SwitchedOn), "켜져, 켜진, 켜졌, 켜 있, 켜있, 켜저, 켜짐, 작동하고");
        v.Add(State(SwitchedOff), "꺼져, 꺼진, 꺼졌, 꺼 있, 꺼있, 꺼저, 꺼짐");
        v.Add(State(Opened), "열려, 열린, 열렸, 열림, 개방돼, 개방된");
        v.Add(State(Closed), "닫혀, 닫힌, 닫혔, 닫힘");
        v.Add(State(Locked), "잠겨, 잠긴, 잠겼, 잠김, 잠가져, 잠궈져, 잠겨져");
        v.Add(State(Unlocked), "잠금 해제되, 잠금해제되, 잠금 해제돼, 잠금해제돼, 잠금 해제된, 잠금해제된, 잠금 해제되어, 풀려, 풀린");
        v.Add(State(Detected()), "감지, 감지됐, 감지된, 감지되, 감지돼, 감지되었, 감지되어, 감지 중, 감지중, 울려, 울리");
        v.Add(State(Detected("off")), "감지해제, 감지 해제, 감지해제됐, 감지 해제됐, 감지되지 않, 잠잠해");
        v.Add(State(BinaryClass("battery", "on")), "배터리 부족, 배터리 없, 배터리 낮, 부족, 방전");
        v.Add(State(BinaryClass("battery", "off")), "배터리 보통, 배터리 정상, 배터리 충분");
        v.Add(State(BinaryClass("battery_charging", "on")), "충전 중, 충전중, 충전되고, 충전하고");
        v.Add(State(BinaryClass("connectivity", "on")), "연결됐, 연결된, 연결되어, 연결돼, 연결되, 접속됐, 접속된, 온라인");
        v.Add(State(BinaryClass("connectivity", "off")), "연결 끊, 연결이 끊, 끊겼, 끊긴, 오프라인");
        v.Add(State(BinaryClass("heat", "on")), "뜨거워, 뜨거운, 뜨겁, 과열");
        v.Add(State(BinaryClass("cold", "on")), "차가워, 차가운, 차갑, 얼었, 얼어");
        v.Add(State(BinaryClass("plug", "on")), "꼽혀, 꽂혀, 꼽힌, 꽂힌, 꽂혀 있, 플러그 꼽혀, 플러그 꽂혀, 플러그 꼽힌, 플러그 꽂힌");
        v.Add(State(BinaryClass("plug", "off")), "뽑혀, 뽑힌, 플러그 뽑혀, 플러그 뽑힌");
        v.Add(State(BinaryClass("running", "on")), "작동 중, 작동중, 돌아가, 가동 중, 가동중, 운전 중, 운전중");
        v.Add(State([.. BinaryClass("presence", "on"), new(DeviceDomains.Person, null, "home")]), "재실이야, 재실이니, 재실이에요, 재실인, 재실 중, 재실중, 집에 있, 집이야");
        v.Add(State([.. BinaryClass("presence", "off"), new(DeviceDomains.Person, null, "not_home")]), "외출, 부재, 집에 없");
        v.Add(State(BinaryClass("problem", "on")), "문제, 고장, 이상");
        v.Add(State(BinaryClass("safety", "off")), "안전해, 안전한, 안전하");
        v.Add(State(BinaryClass("safety", "on")), "위험해, 위험한, 위험하");
        v.Add(State(BinaryClass("update", "on")), "업데이트 가능, 업데이트가 가능, 업데이트 있");
        v.Add(State(BinaryClass("update", "off")), "최신 업데이트, 최신, 최신 버전");
        v.Add(State(BinaryClass("moisture", "on")), "누수됐, 누수된, 누수되, 물이 새, 물 새, 젖었, 젖어, 젖은, 침수됐");
        v.Add(State(BinaryClass("motion", "on")), "움직여, 움직이");
    }

    private static void AddQuestions(VocabularyBuilder v)
    {
        v.Add(Of(LexKind.Quantifier, "which"), "어떤, 어느, 무슨, 어디, 어디에, 어디가");
        v.Add(Of(LexKind.Quantifier, "count"), "얼마나 많은, 몇 개, 몇개, 몇 대, 몇대, 개수, 몇 군데");
        v.Add(Of(LexKind.Quantifier, "all"), "모든, 전부, 모두, 전체, 싹, 몽땅, 전체 다, 모두 다, 전부 다, 각각");
        v.Add(Of(LexKind.Quantifier, "all") with { Placement = Placement.WordStart }, "다");
        v.Add(Of(LexKind.Quantifier, "any"), "아무, 하나라도, 혹시");
        v.Add(Of(LexKind.Question), "뭐, 뭐야, 뭐지, 뭔가, 무엇, 무엇인가, 무엇이야, 얼마, 얼마야, 얼마나, 얼만지, 어때, 어떄, 어떤가, 어떻게 돼, 어떻게 되, 몇, 알려, 말해, 확인, 궁금, 인지, 는지, 은지, 가요, 나요, 니, 냐, 까, 습니까, 니까");
        v.Add(Of(LexKind.Status), "상태, 상황, 현황, 값, 수치, 측정값");
        v.Add(Of(LexKind.Exist), "있어, 있니, 있나, 있는, 있습니까, 있어요, 있을까, 있는지, 있냐, 있지, 있음, 있, 없어, 없니, 없나, 없는, 없지");
        v.Add(Of(LexKind.TemperatureFeel), "더워, 덥, 더운, 추워, 춥, 추운, 따뜻해, 따뜻한, 따뜻하, 시원해, 시원하, 쌀쌀해, 쌀쌀하, 몇 도, 몇도");
        v.Add(Of(LexKind.TimeQuestion), "몇 시, 몇시, 몇 시 몇 분, 현재 시각, 지금 시각, 시각, 현재 시간, 지금 시간, 몇 시간이야");
        v.Add(Of(LexKind.DateQuestion), "며칠, 몇 일, 몇일, 몇 월 며칠, 몇월 며칠, 날짜, 무슨 요일, 무슨요일, 몇 요일, 요일");
    }

    private static void AddSettings(VocabularyBuilder v)
    {
        v.Add(Of(LexKind.Attribute, "brightness"), "밝기, 조도, 광량");
        v.Add(Of(LexKind.Attribute, "color"), "색, 색상, 색깔, 컬러, 빛깔");
        v.Add(Of(LexKind.Attribute, "temperature"), "온도, 설정 온도, 희망 온도, 기온, 실내 온도, 실내온도");
        v.Add(Of(LexKind.Attribute, "position"), "위치, 높이, 열림 정도, 개방 정도");
        v.Add(Of(LexKind.Attribute, "volume"), "볼륨, 음량, 소리 크기, 소리");
        v.Add(Of(LexKind.Extreme, "max"), "최대, 최대로, 최고, 최고로, 가장 밝게, 제일 밝게, 가장 밝은, 제일 밝은, 최대 밝기, 끝까지");
        v.Add(Of(LexKind.Extreme, "min"), "최소, 최소로, 최저, 최저로, 가장 어둡게, 제일 어둡게, 가장 어두운, 제일 어두운, 최소 밝기");
        v.Add(Of(LexKind.Extreme, "half"), "반, 반만, 반쯤, 절반, 절반만, 반 정도, 중간, 중간쯤");
        v.Add(Of(LexKind.Extreme, "brighter"), "밝게, 더 밝게, 환하게");
        v.Add(Of(LexKind.Extreme, "dimmer"), "어둡게, 더 어둡게, 은은하게");
        AddColor(v, "red", "빨강, 빨간색, 빨간, 빨갛게, 레드, 붉은색, 붉게");
        AddColor(v, "orange", "주황, 주황색, 오렌지, 오렌지색");
        AddColor(v, "yellow", "노랑, 노란색, 노란, 노랗게, 옐로, 옐로우");
        AddColor(v, "green", "초록, 초록색, 녹색, 그린, 초록빛");
        AddColor(v, "blue", "파랑, 파란색, 파란, 파랗게, 블루, 푸른색");
        AddColor(v, "purple", "보라, 보라색, 퍼플, 자주색");
        AddColor(v, "pink", "분홍, 분홍색, 핑크, 핑크색");
        AddColor(v, "white", "하양, 흰색, 하얀색, 하얀, 하얗게, 화이트, 백색");
        AddColor(v, "warm_white", "전구색, 따뜻한 색, 노란 빛");
        AddColor(v, "cyan", "청록, 청록색, 하늘색");
        v.Add(Of(LexKind.Here), "여기, 이 방, 이방, 이곳, 이쪽, 여기에, 지금 있는 방, 내 방");
        v.Add(Of(LexKind.Everywhere), "집 전체, 온 집안, 집안, 온집안, 모든 방, 집, 우리 집, 우리집, 모든 곳, 어디든, 곳곳, 온 집");
    }

    private static void AddColor(VocabularyBuilder v, string color, string surfaces) => v.Add(Of(LexKind.Color, color), surfaces);

    private static void AddFunctionWords(VocabularyBuilder v)
    {
        // Particles and one-syllable endings attach to the word before them: "라면" is not 라 + 면.
        v.Add(Function(LexKind.Particle) with { Placement = Placement.WithinWord },
            "은, 는, 이, 가, 을, 를, 에, 에서, 에게, 께, 한테, 의, 로, 으로, 와, 과, 도, 만, 까지, 부터, 이랑, 랑, 하고, 쪽, 안, 에는, 에도, 에서는, 으로는, 로는, 이나, 나, 든, 이든, 들, 쯤, 정도, 씩, 요");
        v.Add(Function(LexKind.Ending),
            "줘, 줘요, 주세요, 주십시오, 주실래요, 주시겠어요, 주시겠습니까, 주겠니, 줄래, 줄래요, 줄 수 있어, 줄 수 있나요, 줄 수 있니, 줄 수 있을까, 줄 수 있겠니, " +
            "주라, 줘라, 줄게, 줄까, 봐, 봐요, 봐라, 보세요, 주면 좋겠어, 줬으면 좋겠어, 주면 고맙겠어, 놔, 놔줘, 놓아줘, 둬, 둬요, 버려, 버려줘, " +
            "해, 해줘, 해요, 해주세요, 해 주세요, 해줄래, 할래, 하자, 합니다, 해라, 해봐, 하기, 하세요, 해 줘, 해 줄래, 하고, " +
            "시켜, 시켜줘, 시켜 줘, 시켜주세요, 시켜 주세요, 시켜줄래, 인가요, 입니까, 이에요, 예요");
        v.Add(Function(LexKind.Ending) with { Placement = Placement.WithinWord },
            "다, 라, 세요, 시오, 기, 자, 죠, 지, 어, 아, 야, 이야, 인가, 이니, 인지, 한, 할, 함, 돼, 되, 됐, 된, 되어, 됨, 니, 나, 냐, 고, 게, 는, 은, 던, 었, 았, 겠, 요?, 래, 대, 나요, 까");
        v.Add(Function(LexKind.Filler), "좀, 전원, 다시, 지금, 현재, 나, 저, 내, 우리, 그냥, 한번, 한 번, 빨리, 얼른, 제발, 그, 해당, 부탁해, 부탁해요, 부탁, 당장, 어서, 혹시, 이제, 제, 네, 응, 그리고, 또, 좀 더, 더, 조금, 약간, 많이, 헤이, 두레야, 두레, 자기야, 있잖아, 그거, 저거, 이거");
    }
}
