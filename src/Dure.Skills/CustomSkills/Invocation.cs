using System.Text.RegularExpressions;
using Dure.Language;

namespace Dure.Skills.CustomSkills;

/// <summary>An utterance addressed to a skill by name, and what is asked of it (empty when the skill is only opened).</summary>
internal sealed record InvocationMatch(CustomSkill Skill, string Request);

/// <summary>
/// Finds a skill called by its invocation name: "별자리친구한테 오늘 운세 물어봐", "오늘 운세 별자리친구에게 물어봐 줘",
/// "별자리친구야 내 운세 알려줘", "별자리친구 열어줘", "ask star friend about my horoscope", "open star friend",
/// "star friend, what's my horoscope". Names match with or without spaces ("별자리 친구"), longest name first, and
/// only as whole words: a name inside a longer word is no call.
/// </summary>
internal static partial class Invocation
{
    // Attached to a Korean name: to whom the request goes (에게, 한테 ...), calling it (야), or the object of 열어줘 (를).
    private static readonly string[] AddressParticles = ["님에게", "님한테", "님께", "에게", "한테", "께", "에서", "님"];
    private static readonly string[] ObjectParticles = ["을", "를"];
    private static readonly string[] Vocatives = ["아", "야", "님아"];

    public static InvocationMatch? Find(string text, IReadOnlyList<CustomSkill> skills)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        var names = skills
            .SelectMany(skill => skill.InvocationNames.All.Select(name => (Skill: skill, Name: Compact(TextNormalizer.Normalize(name)))))
            .Where(n => n.Name.Length > 0)
            .OrderByDescending(n => n.Name.Length)
            .ThenBy(n => n.Skill.Id, StringComparer.Ordinal);
        foreach (var (skill, name) in names)
        {
            if (Match(normalized, name) is { } request)
            {
                return new InvocationMatch(skill, request);
            }
        }

        return null;
    }

    /// <summary>The request addressed to <paramref name="name"/> (its spaces removed), or null when the utterance does not call it.</summary>
    private static string? Match(string text, string name)
    {
        // English: "ask NAME to/about …", "tell NAME to …", "open NAME".
        if (EnglishAsk().Match(text) is { Success: true } ask && NameAt(text, ask.Length, name) is { } askEnd && AfterLatin(text, askEnd))
        {
            return StripEnglishLink(text[askEnd..].Trim());
        }

        if (EnglishOpen().Match(text) is { Success: true } open && NameAt(text, open.Length, name) is { } openEnd && AfterLatin(text, openEnd))
        {
            var rest = text[openEnd..].Trim();
            return rest.Length == 0 || rest == "please" ? "" : rest.StartsWith("and ", StringComparison.Ordinal) ? rest[4..] : null;
        }

        // The name first: "NAME한테 …", "NAME야 …", "NAME 열어줘", "NAME, what's …".
        if (NameAt(text, 0, name) is { } end && Addressed(text, end) is { } request)
        {
            return StripKoreanAsk(request);
        }

        // The name last: "… NAME한테 물어봐".
        for (var start = text.IndexOf(' ', StringComparison.Ordinal); start > 0; start = text.IndexOf(' ', start + 1))
        {
            if (NameAt(text, start + 1, name) is { } nameEnd && AskedAtEnd(text, nameEnd))
            {
                return StripObjectParticle(text[..start].Trim());
            }
        }

        return null;
    }

    /// <summary>What follows a name at the start: the request after its particle, "" for a bare opening, null when not addressed.</summary>
    private static string? Addressed(string text, int end)
    {
        var wordEnd = text.IndexOf(' ', end);
        var tail = wordEnd < 0 ? text[end..] : text[end..wordEnd];
        var rest = wordEnd < 0 ? "" : text[(wordEnd + 1)..];
        if (tail.Length == 0 || Vocatives.Contains(tail))
        {
            return Launch(rest) ? "" : rest;
        }

        if (!Hangul.IsSyllable(tail[0]))
        {
            return null;
        }

        // "별자리친구열어줘", "별자리친구를 열어줘": opened. "별자리친구한테 …" or "…한테운세물어봐": the rest is the request.
        if (Launch(tail) || (ObjectParticles.FirstOrDefault(tail.StartsWith) is { } objectParticle && Launch(tail[objectParticle.Length..] + rest)))
        {
            return "";
        }

        if (AddressParticles.FirstOrDefault(tail.StartsWith) is { } particle)
        {
            var attached = tail[particle.Length..];
            var request = attached.Length == 0 ? rest : rest.Length == 0 ? attached : attached + " " + rest;
            return Launch(request) ? "" : request;
        }

        return null;
    }

    /// <summary>"… NAME한테 물어봐": the name takes 에게/한테 and only words of asking follow.</summary>
    private static bool AskedAtEnd(string text, int end)
    {
        var after = text[end..];
        if (AddressParticles.FirstOrDefault(after.StartsWith) is not { } particle)
        {
            return false;
        }

        var asking = after[particle.Length..];
        return asking.Trim().Length > 0 && StripKoreanAsk(asking).Length == 0;
    }

    private static bool Launch(string words) => KoreanLaunch().IsMatch(Compact(words));

    private static string StripKoreanAsk(string request) => KoreanQuote().Replace(KoreanAsk().Replace(request, ""), "").Trim();

    private static string StripObjectParticle(string request)
    {
        request = StripKoreanAsk(request);
        return ObjectParticles.FirstOrDefault(p => request.Length > 1 && request.EndsWith(p, StringComparison.Ordinal)
            && Hangul.IsSyllable(request[^2])) is { } particle ? request[..^particle.Length] : request;
    }

    private static string StripEnglishLink(string rest)
    {
        var link = EnglishLink().Match(rest);
        return link.Success ? rest[link.Length..] : rest;
    }

    // A Latin name ends at a word's end, or where Korean particles attach to it ("star friend한테").
    private static bool AfterLatin(string text, int end) => end == text.Length || text[end] == ' ' || Hangul.IsSyllable(text[end]);

    /// <summary>Where <paramref name="name"/> ends when it is said from <paramref name="start"/> on, spaces ignored; null when it is not.</summary>
    private static int? NameAt(string text, int start, string name)
    {
        if (start >= text.Length || (start > 0 && text[start - 1] != ' '))
        {
            return null;
        }

        var i = start;
        foreach (var c in name)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length || text[i] != c)
            {
                return null;
            }

            i++;
        }

        // A Latin name must not run on into a longer word ("star friendly").
        return char.IsAsciiLetterOrDigit(name[^1]) && i < text.Length && char.IsAsciiLetterOrDigit(text[i]) ? null : i;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => c != ' '));

    [GeneratedRegex(@"^(?:please |can you |could you |hey )?(?:ask|tell) ", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAsk();

    [GeneratedRegex(@"^(?:please |can you |could you |hey )?(?:open|launch|start|run|talk to|let me talk to|i want to talk to) ", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishOpen();

    [GeneratedRegex(@"^(?:to|about|for|whether|if|that) ", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishLink();

    [GeneratedRegex(@"\s*(?:좀\s*)?물어\s*(?:봐\s*(?:줘|요|주세요|줄래요?|주라)?|볼래요?|봐라)$", RegexOptions.CultureInvariant)]
    private static partial Regex KoreanAsk();

    [GeneratedRegex(@"\s*(?:이|달)?라고\s*(?:좀\s*)?(?:전해|말해|해)\s*(?:줘|요|주세요|줄래요?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KoreanQuote();

    [GeneratedRegex(@"^(?:좀)?(?:열어|실행해|실행|시작해|시작|불러|켜)?(?:줘|봐|요|주세요|줄래|줄래요|봐줘)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KoreanLaunch();
}
