using Dure.Language;
using Dure.Understanding.Analysis;
using Dure.Understanding.Classification;
using Dure.Understanding.Grammar;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding;

/// <summary>
/// Understands one utterance against a home: Korean or English text in, an intent of the catalog with
/// canonical slots out. Stateless and thread-safe; the home's names are indexed once per home instance.
/// </summary>
public sealed class IntentParser(IntentModel? model = null)
{
    /// <summary>A trained model consulted when the grammar understands nothing: grammar first, classifier second.</summary>
    public IntentModel? Model { get; } = model;

    /// <summary>
    /// How the utterance was segmented and read, one token per line ("거실 [Area] | 불 [Noun] | 켜 [Action]"),
    /// for finding out why something parsed as it did.
    /// </summary>
    public string Explain(string text, ParseContext context)
    {
        var normalized = TextNormalizer.Normalize(text);
        var language = context.Language ?? TextNormalizer.DetectLanguage(normalized);
        var utterance = Segmenter.Segment(normalized, language, HomeLexicon.For(context.Home, language), Today(context));
        var frame = FrameBuilder.Build(utterance, context.Home, EndsWithQuestionMark(text));
        var tokens = utterance.Tokens.Select(t => t.IsUnknown
            ? $"{t.Surface} [?]"
            : $"{t.Surface} [{string.Join('/', t.Readings.Select(r => r == t.Lexeme ? $"*{r.Kind}" : r.Kind.ToString()))}]");
        return $"{(frame.IsQuestion ? "question" : "command")}: {string.Join(" | ", tokens)}";
    }

    public ParseResult Parse(string text, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var normalized = TextNormalizer.Normalize(text);
        var language = context.Language ?? TextNormalizer.DetectLanguage(normalized);
        if (normalized.Length == 0)
        {
            return ParseResult.NotUnderstood with { Language = language };
        }

        var names = HomeLexicon.For(context.Home, language);
        var questionMark = EndsWithQuestionMark(text);
        var today = Today(context);
        var frame = FrameBuilder.Build(Segmenter.Segment(normalized, language, names, today) with { Raw = text }, context.Home, questionMark);

        // "모든 거실 조명": every light of the room, not the one device that happens to be named "거실 조명".
        if (frame.All && frame.Devices.Any(d => d.Name.Composite))
        {
            frame = FrameBuilder.Build(Segmenter.Segment(normalized, language, names, today, splitComposites: true) with { Raw = text }, context.Home, questionMark);
        }

        // Grammar first; a trained model when the grammar understood nothing, or named something the home lacks
        // ("트렁크 열어줘" for a partner's car intents).
        var understood = Catalog.Interpret(frame, context);
        return (understood.Intent is null || !understood.TargetsKnown) && Model?.Understand(text, language) is { } predicted
            ? Canonical(predicted, language, today)
            : understood;
    }

    /// <summary>
    /// A trained model tags the words said; times, dates, durations and numbers get the catalog's canonical form
    /// (PRODUCT.md §5) like the grammar's: "저녁 8시" → "20:00", "내일" → an ISO date, "한 시간" → 3600.
    /// </summary>
    private static ParseResult Canonical(ParseResult predicted, string language, DateOnly today) =>
        predicted with { Slots = [.. predicted.Slots.Select(slot => Canonical(slot, language, today))] };

    private static Slot Canonical(Slot slot, string language, DateOnly today)
    {
        var said = slot.Value.ToString();
        return slot.Name switch
        {
            "time" when TimeExpressions.FindAll(said, language) is [var t, ..] => Results.Time(t.Hour, t.Minute) with { Spoken = said },
            "date" when DateExpressions.FindAll(said, language, today) is [var d, ..] => Results.Date(d.Date) with { Spoken = said },
            "duration" when DurationExpressions.FindAll(said, language) is [var d, ..] => Results.Duration(d.Seconds) with { Spoken = said },
            "quantity" or "temperature" or "volume" or "brightness" or "position" or "number" or "channel"
                when Numbers.FindAll(said, language) is [var n, ..] => Results.Number(slot.Name, n.Value) with { Spoken = said },
            _ => slot,
        };
    }

    /// <summary>
    /// Reads a fragment as a continuation of <paramref name="previous"/>: "침실도" after "거실 불 켜줘" turns on the
    /// bedroom lights, "아니 25도" after "24도로 맞춰줘" sets 25. Null when the utterance is not such a fragment.
    /// </summary>
    /// <param name="expecting">The slot the assistant just asked for ("time"), filled from a bare answer.</param>
    public ParseResult? FollowUp(string text, ParseContext context, ParseResult previous, string? expecting = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        var language = context.Language ?? TextNormalizer.DetectLanguage(normalized);
        var utterance = Segmenter.Segment(normalized, language, HomeLexicon.For(context.Home, language), Today(context)) with { Raw = text };
        return Grammar.FollowUp.Merge(FrameBuilder.Build(utterance, context.Home, EndsWithQuestionMark(text)), context, previous, expecting);
    }

    /// <summary>Today where the home is: "내일" must be tomorrow in Seoul, not on the server's clock.</summary>
    private static DateOnly Today(ParseContext context) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now ?? DateTimeOffset.UtcNow, context.Home.Zone).DateTime);

    private static bool EndsWithQuestionMark(string text) => text.TrimEnd().EndsWith('?') || text.TrimEnd().EndsWith('？');
}
