using System.Globalization;
using Dure.Language;

namespace Dure.Skills;

/// <summary>
/// Small helpers for natural Korean answers in 해요체: particles chosen by the final sound of the word before
/// them (조명을, 블라인드를, 거실로, 21도예요) and lists joined the way people say them.
/// </summary>
internal static class Phrases
{
    /// <summary>Object particle: 조명을, 블라인드를.</summary>
    public static string Eul(string word) => Josa.Attach(word, Particle.EulReul);

    /// <summary>Topic particle: 현관문은, 밸브는.</summary>
    public static string Eun(string word) => Josa.Attach(word, Particle.EunNeun);

    /// <summary>Subject particle: 조명이, 블라인드가.</summary>
    public static string I(string word) => Josa.Attach(word, Particle.IGa);

    /// <summary>Direction particle, with ㄹ taking 로: 50%로, 파란색으로, 거실로.</summary>
    public static string Ro(string word) => Josa.Attach(word, Particle.EuroRo);

    /// <summary>The polite copula: 21도예요, 거실 조명이에요.</summary>
    public static string Ieyo(string word) => Josa.Attach(word, Particle.IeyoYeyo);

    /// <summary>"거실 조명, 주방 조명" — the list of names an answer reads out.</summary>
    public static string List(IEnumerable<string> items, string language)
    {
        var all = items.ToList();
        return language == "ko" || all.Count < 2
            ? string.Join(", ", all)
            : string.Join(", ", all.Take(all.Count - 1)) + " and " + all[^1];
    }

    /// <summary>A number the way answers say it: 21, 21.5 (never "21.0").</summary>
    public static string Number(double value) =>
        Math.Round(value, 1).ToString(value == Math.Floor(value) ? "0" : "0.#", CultureInfo.InvariantCulture);

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
