namespace Dure.Language;

/// <summary>Parses Korean numbers: Sino-Korean, native Korean, digits and mixtures.</summary>
public static class KoreanNumber
{
    /// <summary>
    /// Parses a whole text as one number: Sino-Korean ("이십삼", "삼천오백", "만 이천", "십만"), native cardinals and
    /// attributive forms ("스물셋", "열하나", "스물세", "열두", "한", "스무"), digits ("23", "20.5", "1,000"), digits with
    /// place units ("3천", "2만 5천") and decimals ("이십 점 오", "20점5"). 반 (half) is not a number here.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) => KoreanNumeral.TryParseWhole(text, out value);
}
