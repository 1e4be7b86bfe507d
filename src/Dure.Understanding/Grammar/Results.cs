using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Dure.Understanding.Grammar;

/// <summary>Builds parse results and canonical slot values (PRODUCT.md §5).</summary>
internal static class Results
{
    public static ParseResult None(Frame frame) => ParseResult.NotUnderstood with { Language = frame.Language };

    public static ParseResult Make(Frame frame, string intent, IEnumerable<Slot?> slots) => new()
    {
        Intent = intent,
        Slots = [.. slots.OfType<Slot>()],
        Confidence = Math.Round(frame.Coverage, 3),
        Language = frame.Language,
    };

    public static ParseResult Make(Frame frame, string intent, params Slot?[] slots) => Make(frame, intent, (IEnumerable<Slot?>)slots);

    public static Slot Number(string name, double value) =>
        new(name, value == Math.Floor(value) ? JsonValue.Create((long)value) : JsonValue.Create(value));

    public static Slot? Text(string name, string? value, string? spoken = null) =>
        string.IsNullOrWhiteSpace(value) ? null : new Slot(name, JsonValue.Create(value.Trim()), spoken);

    /// <summary>A time of day as "HH:MM" (24 hours).</summary>
    public static Slot Time(int hour, int minute) => new("time", JsonValue.Create($"{hour:00}:{minute:00}"));

    /// <summary>A date as an ISO date.</summary>
    public static Slot Date(DateOnly date) => new("date", JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static Slot Duration(int seconds, string name = "duration") => Number(name, seconds);

    public static ImmutableArray<Slot> With(this ImmutableArray<Slot> slots, params Slot?[] more) => slots.AddRange(more.OfType<Slot>());
}
