using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar;

/// <summary>
/// The rules that turn a frame into an intent of the catalog's home, clock and system parts.
/// Questions become state or temperature queries; commands become set-temperature, light, position or
/// on/off intents depending on what was said besides the verb.
/// </summary>
internal static class HomeGrammar
{
    private static readonly string[] LockFirst = [DeviceDomains.Lock, DeviceDomains.Valve];
    private static readonly string[] OpenableFirst = [DeviceDomains.Cover, DeviceDomains.Valve, DeviceDomains.Lock];
    private static readonly string[] Positionable = [DeviceDomains.Cover, DeviceDomains.Valve];

    public static ParseResult Interpret(Frame frame, ParseContext context)
    {
        // A name the home does not have ("서재 불 켜줘") must not turn into the speaker's room.
        var understood = UnknownName(frame) is null ? context : context with { AreaId = null };
        return frame.IsQuestion ? Question(frame, understood) : Command(frame, understood);
    }

    private static ParseResult Question(Frame frame, ParseContext context)
    {
        var aboutTemperature = frame.TemperatureFeel || (frame.Attributes.Contains("temperature") && frame.States.Count == 0);
        if (aboutTemperature)
        {
            var asked = TargetResolver.Resolve(frame, context, TargetUse.Question);
            if (frame.Devices.Count == 0 || asked.Domain == DeviceDomains.Climate)
            {
                var climate = frame.Devices.Count > 0 ? asked : TargetResolver.Resolve(frame, context, TargetUse.Question, DeviceDomains.Climate);
                return Result(frame, Intents.ClimateGetTemperature, climate, includeDomain: false);
            }

            return Result(frame, Intents.GetState, asked);
        }

        if (!frame.HasTarget && frame.States.Count == 0)
        {
            return ParseResult.NotUnderstood with { Language = frame.Language };
        }

        var target = TargetResolver.Resolve(frame, context, TargetUse.Question, defaultArea: false);
        var asksSomething = target.State is not null || frame.Status || frame.Quantifiers.Count > 0 || frame.Exist;
        if ((!target.HasScope && target.State is null) ||
            (target.DeviceIds.IsEmpty && target.AreaId is null && target.Floor is null && !asksSomething))
        {
            // "거의 다 왔어": a question about nothing the home has.
            return Results.None(frame);
        }

        // "is there any smoke?", "연기 있어?": for a detector, existence means it detects.
        if (target.State is null && frame.Exist && target.Domain == DeviceDomains.BinarySensor &&
            target.DeviceClass is { } detector && VocabularyBuilder.Detectors.Contains(detector))
        {
            target = target with { State = "on" };
        }

        return Result(frame, Intents.GetState, target, includeState: true);
    }

    private static ParseResult Command(Frame frame, ParseContext context)
    {
        var number = frame.Numbers.LastOrDefault();
        var percent = frame.Numbers.LastOrDefault(n => n.Unit == "percent");

        // "에어컨 온도 맞춰줘" asks to set a temperature without saying which: the skill asks for it.
        var wantsTemperature = frame.Numbers.Any(n => n.Unit == "degree") ||
            (frame.Attributes.Contains("temperature") && (number is not null || frame.Action is ActionKind.Set or ActionKind.None));
        if (wantsTemperature)
        {
            var climate = TargetResolver.Resolve(frame, context, TargetUse.Command, DeviceDomains.Climate);
            var degrees = frame.Numbers.LastOrDefault(n => n.Unit == "degree") ?? number;
            var slots = Slots(frame, climate, includeDomain: false);
            return Result(frame, Intents.ClimateSetTemperature, climate, includeDomain: false) with
            {
                Slots = degrees is null ? slots : slots.Add(Number("temperature", degrees.Number)),
            };
        }

        var target = TargetResolver.Resolve(frame, context, TargetUse.Command, preferred: Preference(frame.Action));
        var positionable = target.Domain is not null && Positionable.Contains(target.Domain);
        if (number is not null && !positionable && target.Domain == DeviceDomains.Climate && number.Unit is null)
        {
            return Result(frame, Intents.ClimateSetTemperature, target, includeDomain: false) with { Slots = Slots(frame, target, includeDomain: false).Add(Number("temperature", number.Number)) };
        }

        var half = frame.Extreme == "half" ? 50 : (double?)null;
        if ((frame.Attributes.Contains("position") || positionable) && ((percent ?? number)?.Number ?? half) is { } position)
        {
            return Result(frame, Intents.SetPosition, target) with { Slots = Slots(frame, target).Add(Number("position", Math.Clamp(position, 0, 100))) };
        }

        if (frame.Attributes.Contains("volume"))
        {
            // Volume belongs to media players (media.set_volume, part of the full catalog), never to lights.
            return ParseResult.NotUnderstood with { Language = frame.Language };
        }

        var brightness = frame.Extreme switch
        {
            "max" => 100,
            "min" => 1,
            "half" => 50,
            _ => percent?.Number ?? (frame.Attributes.Contains("brightness") ? number?.Number : null),
        };
        if (frame.Color is not null || brightness is not null)
        {
            var light = target.Domain is null or DeviceDomains.Light ? TargetResolver.Resolve(frame, context, TargetUse.Command, DeviceDomains.Light) : target;
            var slots = Slots(frame, light, includeDomain: false);
            if (brightness is { } level)
            {
                slots = slots.Add(Number("brightness", Math.Clamp(level, 0, 100)));
            }

            if (frame.Color is { } color)
            {
                slots = slots.Add(new Slot("color", JsonValue.Create(color)));
            }

            return Result(frame, Intents.LightSet, light) with { Slots = slots };
        }

        if (target.Domain == DeviceDomains.Vacuum || (frame.Does("clean") && context.Home.Devices.Any(d => d.Domain == DeviceDomains.Vacuum)))
        {
            var vacuum = target.Domain == DeviceDomains.Vacuum ? target : TargetResolver.Resolve(frame, context, TargetUse.Command, DeviceDomains.Vacuum);
            return frame.Does("dock") ? Result(frame, Intents.VacuumReturnToBase, vacuum)
                : frame.Action is ActionKind.On or ActionKind.None || frame.Does("clean") ? Result(frame, Intents.VacuumStart, vacuum)
                : Result(frame, Intents.TurnOff, vacuum);
        }

        var intent = OnOffIntent(frame.Action, target.Domain);
        if (intent is null)
        {
            return ParseResult.NotUnderstood with { Language = frame.Language };
        }

        // "잠가" or "unlock" alone are about locks even when no lock was named.
        if (target.Domain is null && frame.Action is ActionKind.Lock or ActionKind.Unlock && frame.Nouns.Count == 0 && frame.Devices.Count == 0)
        {
            target = target with { Domain = DeviceDomains.Lock };
        }

        return Result(frame, intent, target);
    }

    private static string[]? Preference(ActionKind action) => action switch
    {
        ActionKind.Lock or ActionKind.Unlock => LockFirst,
        ActionKind.Open or ActionKind.Close => OpenableFirst,
        _ => null,
    };

    /// <summary>
    /// Home Assistant's mapping of verbs to on/off: opening a cover or valve turns it on, locking a lock turns
    /// it on, so unlocking and opening a lock turn it off; closing (잠가) a gas valve turns it off.
    /// </summary>
    private static string? OnOffIntent(ActionKind action, string? domain) => action switch
    {
        ActionKind.On => Intents.TurnOn,
        ActionKind.Off => Intents.TurnOff,
        ActionKind.Open => domain == DeviceDomains.Lock ? Intents.TurnOff : Intents.TurnOn,
        ActionKind.Close => domain == DeviceDomains.Lock ? Intents.TurnOn : Intents.TurnOff,
        ActionKind.Lock => domain == DeviceDomains.Valve ? Intents.TurnOff : Intents.TurnOn,
        ActionKind.Unlock => domain == DeviceDomains.Valve ? Intents.TurnOn : Intents.TurnOff,
        ActionKind.Set when domain is DeviceDomains.Scene or DeviceDomains.Script => Intents.TurnOn,
        ActionKind.Raise when domain == DeviceDomains.Cover => Intents.TurnOn,
        ActionKind.Lower when domain == DeviceDomains.Cover => Intents.TurnOff,
        _ => null,
    };

    private static ParseResult Result(Frame frame, string intent, Target? target = null, bool includeDomain = true, bool includeState = false)
    {
        var unknown = UnknownName(frame);
        return new ParseResult
        {
            Intent = intent,
            Slots = target is null ? [] : Slots(frame, target, includeDomain, includeState),
            Confidence = Math.Round(frame.Coverage, 3),
            Language = frame.Language,
            AllTargets = target is { AllTargets: true, HasScope: true },
            SaidAll = frame.All || frame.Everywhere,
            Quantifier = new[] { "count", "which", "all", "any" }.FirstOrDefault(frame.Quantifiers.Contains),
            TargetsKnown = unknown is null,
            UnknownName = unknown,
        };
    }

    private static ImmutableArray<Slot> Slots(Frame frame, Target target, bool includeDomain = true, bool includeState = false)
    {
        var slots = ImmutableArray.CreateBuilder<Slot>();
        if (target.DeviceIds.Length == 1)
        {
            slots.Add(new Slot("name", JsonValue.Create(target.DeviceIds[0]), target.DeviceName?.Spoken));
        }
        else if (target.DeviceIds.Length > 1)
        {
            slots.Add(new Slot("name", new JsonArray([.. target.DeviceIds.Select(id => JsonValue.Create(id))]), target.DeviceName?.Spoken));
        }

        if (target.AreaId is { } area)
        {
            slots.Add(new Slot("area", JsonValue.Create(area), target.AreaName?.Spoken));
        }

        if (target.Floor is { } floor)
        {
            slots.Add(new Slot("floor", JsonValue.Create(floor.Ids[0]), floor.Spoken));
        }

        if (includeDomain && target.Domain is { } domain)
        {
            slots.Add(new Slot("domain", JsonValue.Create(domain)));
        }

        if (includeDomain && target.DeviceClass is { } deviceClass)
        {
            slots.Add(new Slot("device_class", JsonValue.Create(deviceClass)));
        }

        if (includeState && target.State is { } state)
        {
            slots.Add(new Slot("state", JsonValue.Create(state)));
        }

        return slots.ToImmutable();
    }

    private static Slot Number(string name, double value) =>
        new(name, value == Math.Floor(value) ? JsonValue.Create((long)value) : JsonValue.Create(value));

    /// <summary>
    /// A word the home does not know, said where a room or device name belongs ("서재 불 켜줘"): the answer
    /// should say so rather than act on the speaker's room.
    /// </summary>
    private static string? UnknownName(Frame frame)
    {
        var tokens = frame.Utterance.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokens[i].IsUnknown || (frame.Language == "ko" && tokens[i].Surface.Length < 2))
            {
                continue;
            }

            var next = tokens.Skip(i + 1).FirstOrDefault(t => t.IsUnknown || !t.Lexeme!.IsFunctionWord);
            if (next?.Lexeme is { Kind: LexKind.Noun or LexKind.Device } ||
                (frame.Language == "ko" && next?.Lexeme is { Kind: LexKind.Action } && frame.Devices.Count == 0 && frame.Nouns.Count == 0))
            {
                // An ending glued to an unknown word is part of it ("베란다" read as 베란 + 다).
                var word = tokens[i].Surface;
                for (var j = i + 1; j < tokens.Length && !tokens[j].StartsWord && tokens[j].Lexeme is { Kind: LexKind.Ending }; j++)
                {
                    word += tokens[j].Surface;
                }

                return word;
            }
        }

        return null;
    }
}
