namespace Dure.Language;

/// <summary>
/// How a written word ends when read aloud in Korean: a final consonant (compatibility jamo), none, or unknown.
/// Particles (<see cref="Josa"/>) are chosen by this sound, so "3층", "50%", "TV" and "pool" need a reading, not just a last letter.
/// </summary>
internal static class FinalSound
{
    /// <summary>Marks a word that ends in a vowel sound.</summary>
    public const char None = '\0';

    // Sino-Korean readings of the digits 0-9: 영 일 이 삼 사 오 육 칠 팔 구.
    private const string DigitFinals = "ㅇㄹ\0ㅁ\0\0ㄱㄹㄹ\0";

    // Korean names of the Latin letters A-Z (에이 비 씨 ... 엘 엠 엔 ... 알 ...): only L, M, N and R end in a consonant.
    private const string LetterNameFinals = "\0\0\0\0\0\0\0\0\0\0\0ㄹㅁㄴ\0\0\0ㄹ\0\0\0\0\0\0\0\0";

    // Unit abbreviations after a number are read as their Korean names: 5km 킬로미터, 3kg 킬로그램, 2h 시간.
    private static readonly (string Unit, char Final)[] UnitAbbreviations =
    [
        ("km", None), ("cm", None), ("mm", None), ("m", None), ("kg", 'ㅁ'), ("mg", 'ㅁ'), ("g", 'ㅁ'),
        ("ml", None), ("l", None), ("kwh", None), ("kw", None), ("w", None), ("v", None), ("hz", None),
        ("kb", None), ("mb", None), ("gb", None), ("tb", None), ("h", 'ㄴ'), ("min", 'ㄴ'), ("s", None), ("ms", None),
    ];

    /// <summary>
    /// Finds the final sound of the last pronounceable part of a word, skipping trailing spaces, punctuation,
    /// closing brackets and quotes. False when the ending cannot be read (an ideograph, an emoji, nothing at all).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> word, out char final)
    {
        final = None;
        var end = word.Length;
        while (end > 0 && IsSilent(word[end - 1]))
        {
            end--;
        }

        if (end == 0)
        {
            return false;
        }

        var last = word[end - 1];
        if (Hangul.IsSyllable(last))
        {
            final = Hangul.FinalConsonant(last);
            return true;
        }

        if (Hangul.IsJamo(last))
        {
            // A consonant letter is read by its name (ㅋ 키읔), which ends in that consonant.
            final = Hangul.IsConsonantJamo(last) ? last : None;
            return true;
        }

        if (char.IsAsciiDigit(last))
        {
            final = ReadDigits(word[..end]);
            return true;
        }

        if (char.IsAsciiLetter(last))
        {
            final = ReadLatin(word[..end]);
            return true;
        }

        // %, °, ℃, ℉ and + read 퍼센트, 도 and 플러스: no final.
        return last is '%' or '°' or '℃' or '℉' or '+';
    }

    private static bool IsSilent(char c) =>
        char.IsWhiteSpace(c) || (char.IsPunctuation(c) && c != '%') || c is '~' or '`' or '^';

    private static char ReadDigits(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        var start = end;
        while (start > 0 && (char.IsAsciiDigit(text[start - 1]) || text[start - 1] == ','))
        {
            start--;
        }

        // A decimal's fraction is read digit by digit: 20.5 이십 점 오.
        if (start > 1 && text[start - 1] == '.' && char.IsAsciiDigit(text[start - 2]))
        {
            return DigitFinals[text[end - 1] - '0'];
        }

        var zeros = 0;
        var i = end - 1;
        for (; i >= start && (text[i] == '0' || text[i] == ','); i--)
        {
            zeros += text[i] == '0' ? 1 : 0;
        }

        if (i < start)
        {
            return 'ㅇ'; // 영
        }

        // The reading ends with the place name of the trailing zeros: 십 백 천 만 ... 억.
        return zeros switch
        {
            0 => DigitFinals[text[i] - '0'],
            1 => 'ㅂ', // 십
            2 => 'ㄱ', // 백
            3 => 'ㄴ', // 천
            < 8 => 'ㄴ', // 만, 십만, 백만, 천만
            < 12 => 'ㄱ', // 억
            < 16 => None, // 조
            _ => 'ㅇ', // 경
        };
    }

    private static char ReadLatin(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        var start = end;
        while (start > 0 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        var letters = text[start..end];
        var afterNumber = start > 0 && (char.IsAsciiDigit(text[start - 1]) || (start > 1 && text[start - 1] == ' ' && char.IsAsciiDigit(text[start - 2])));
        if (afterNumber)
        {
            foreach (var (unit, final) in UnitAbbreviations)
            {
                if (letters.Equals(unit, StringComparison.OrdinalIgnoreCase))
                {
                    return final;
                }
            }
        }

        // Short all-capital words are initialisms, read letter by letter: TV 티비, LED 엘이디, HTML 에이치티엠엘.
        if (letters.Length == 1 || (letters.Length <= 5 && !letters.ContainsAnyInRange('a', 'z')))
        {
            return LetterNameFinals[char.ToUpperInvariant(letters[^1]) - 'A'];
        }

        return ReadEnglishWord(letters);
    }

    /// <summary>
    /// Approximates how an English word ends in its Korean loanword spelling (외래어 표기): final l → ㄹ (pool 풀),
    /// m → ㅁ (gym 짐), n → ㄴ, ng → ㅇ (ring 링), p/b after a vowel → ㅂ (app 앱, web 웹), k/c after a vowel → ㄱ
    /// (book 북, music 뮤직), t after a single short vowel → ㅅ (robot 로봇); a silent e leaves the consonant before it
    /// (phone 폰, game 게임, cable 케이블); everything else gains a vowel in Korean (light 라이트, desk 데스크, timer 타이머).
    /// </summary>
    private static char ReadEnglishWord(ReadOnlySpan<char> word)
    {
        var last = char.ToLowerInvariant(word[^1]);
        var before = char.ToLowerInvariant(word[^2]);
        var beforeThat = word.Length > 2 ? char.ToLowerInvariant(word[^3]) : ' ';
        var singleVowelBefore = IsVowel(before) && !IsVowel(beforeThat);
        return last switch
        {
            'l' => 'ㄹ',
            'm' => 'ㅁ',
            'n' => 'ㄴ',
            'g' when before == 'n' => 'ㅇ',
            'e' when word.Length > 2 && !IsVowel(before) => before switch
            {
                'l' => 'ㄹ',
                'm' => 'ㅁ',
                'n' => 'ㄴ',
                _ => None,
            },
            'p' when IsVowel(before) || before == 'p' => 'ㅂ',
            'b' when singleVowelBefore => 'ㅂ',
            'k' when singleVowelBefore || before == 'c' || (before == 'o' && beforeThat == 'o') => 'ㄱ',
            'c' when IsVowel(before) => 'ㄱ',
            't' when singleVowelBefore => 'ㅅ',
            _ => None,
        };
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
