using System.Collections.Immutable;
using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar;

/// <summary>What an intent acts on or asks about, resolved against the home.</summary>
internal sealed record Target
{
    /// <summary>Devices named by the user: one, or several when the name was ambiguous.</summary>
    public ImmutableArray<string> DeviceIds { get; init; } = [];

    public NameRef? DeviceName { get; init; }
    public string? AreaId { get; init; }

    /// <summary>The area as said, or null when it came from the speaking device's room.</summary>
    public NameRef? AreaName { get; init; }

    public NameRef? Floor { get; init; }
    public string? Domain { get; init; }
    public string? DeviceClass { get; init; }
    public string? State { get; init; }

    /// <summary>True when the command is meant for every matching device ("all the lights", "거실 팬").</summary>
    public bool AllTargets => DeviceIds.IsEmpty;

    public bool HasScope => !DeviceIds.IsEmpty || AreaId is not null || Floor is not null || Domain is not null;
}

/// <summary>How a target is being resolved.</summary>
internal enum TargetUse
{
    /// <summary>Something to control: read-only kinds (sensors) are ignored.</summary>
    Command,

    /// <summary>Something asked about.</summary>
    Question,
}

/// <summary>
/// Resolves the names and device words of a frame against the home: which device a name means, which kind of
/// device a word means, and which room is meant when none is said.
/// </summary>
internal static class TargetResolver
{
    /// <param name="frame">The utterance.</param>
    /// <param name="context">The home and the speaking device's room.</param>
    /// <param name="use">Whether the target is controlled or asked about.</param>
    /// <param name="domainHint">A domain the intent requires (climate for temperatures).</param>
    /// <param name="preferred">Domains the action suits best, most suitable first ("lock" for 잠가).</param>
    /// <param name="defaultArea">Whether an unsaid room means the speaking device's room.</param>
    public static Target Resolve(Frame frame, ParseContext context, TargetUse use, string? domainHint = null,
        IReadOnlyList<string>? preferred = null, bool defaultArea = true)
    {
        var home = context.Home;
        var areaName = frame.Areas.FirstOrDefault();
        var areaId = areaName?.Ids[0] ?? (frame.Here ? context.AreaId : null);
        var floor = areaName is null ? frame.Floors.FirstOrDefault() : null;
        var senses = Senses(frame, use, domainHint);
        if (preferred is not null)
        {
            senses = [.. senses.OrderBy(s => s.Domain is null ? int.MaxValue : Rank(preferred, s.Domain))];
        }

        if (frame.Devices.Count > 0)
        {
            return ResolveDevice(frame, context, use, senses, areaId, areaName, floor);
        }

        var scope = Scope(home, areaId, floor?.Ids[0]).ToList();
        var sense = senses.FirstOrDefault(s => scope.Any(d => Matches(d, s))) is { Domain: not null } present ? present : senses.FirstOrDefault();
        var domain = sense.Domain ?? domainHint;
        var state = StateValue(frame, domain, sense.DeviceClass);

        // No room said: the speaking device's room, when it has such devices. "All the lights" means the home.
        var fromContext = false;
        if (defaultArea && areaId is null && floor is null && !frame.Everywhere && !frame.All && context.AreaId is { } speakerArea &&
            Scope(home, speakerArea, null).Any(d => domain is null || Matches(d, sense with { Domain = domain })))
        {
            areaId = speakerArea;
            fromContext = true;
        }

        return new Target
        {
            AreaId = areaId,
            AreaName = fromContext ? null : areaName,
            Floor = floor,
            Domain = domain,
            DeviceClass = sense.DeviceClass,
            State = state,
        };
    }

    private static Target ResolveDevice(Frame frame, ParseContext context, TargetUse use, List<Sense> senses, string? areaId, NameRef? areaName, NameRef? floor)
    {
        var home = context.Home;
        // The longest name said is the most specific ("monthly gas consumption" over "gas").
        var mention = frame.Devices.MaxBy(d => d.Name.Spoken.Length)!.Name;
        var candidates = mention.Ids.Select(home.FindDevice).OfType<Device>().ToList();

        // "욕실 에어컨" when the only air conditioner is in the living room: the room said wins over the name,
        // so the answer can say the bathroom has none instead of switching on another room's device.
        if (areaId is not null && candidates.Count > 0 && candidates.All(d => d.AreaId is not null && d.AreaId != areaId))
        {
            var kind = candidates[0];
            return new Target { AreaId = areaId, AreaName = areaName, Domain = kind.Domain, DeviceClass = kind.DeviceClass };
        }

        candidates = Narrow(candidates, d => areaId is null || d.AreaId == areaId);
        candidates = Narrow(candidates, d => senses.Count == 0 || senses.Any(s => Matches(d, s)));
        candidates = Narrow(candidates, d => frame.States.Count == 0 || frame.States.Any(s => Fits(s, d.Domain, d.DeviceClass)));
        candidates = Narrow(candidates, d => use == TargetUse.Question || FrameBuilder.IsControllable(d.Domain));
        candidates = Narrow(candidates, d => d.AreaId == context.AreaId);

        var domain = candidates.Select(d => d.Domain).Distinct().Count() == 1 ? candidates[0].Domain : null;
        var deviceClass = candidates.Select(d => d.DeviceClass).Distinct().Count() == 1 ? candidates[0].DeviceClass : null;
        return new Target
        {
            DeviceIds = [.. candidates.Select(d => d.Id)],
            DeviceName = mention,
            AreaId = areaName is not null || frame.Here ? areaId : null,
            AreaName = areaName,
            Floor = floor,
            Domain = domain,
            DeviceClass = deviceClass,
            State = StateValue(frame, domain, deviceClass),
        };
    }

    private static int Rank(IReadOnlyList<string> preferred, string domain)
    {
        for (var i = 0; i < preferred.Count; i++)
        {
            if (preferred[i] == domain)
            {
                return i;
            }
        }

        return preferred.Count;
    }

    /// <summary>Keeps the devices that pass, unless none would: a filter never empties the candidates.</summary>
    private static List<Device> Narrow(List<Device> devices, Func<Device, bool> keep)
    {
        if (devices.Count <= 1)
        {
            return devices;
        }

        var kept = devices.Where(keep).ToList();
        return kept.Count > 0 ? kept : devices;
    }

    /// <summary>
    /// The device kinds the words mean, most likely first: the nouns combined ("일산화탄소" + "센서" is a carbon
    /// monoxide binary sensor), narrowed to kinds that can be in the state asked about, or that can be controlled.
    /// </summary>
    private static List<Sense> Senses(Frame frame, TargetUse use, string? domainHint)
    {
        var specific = frame.Nouns.Where(n => n.Any(s => s.Domain is not null)).ToList();
        List<Sense> senses = specific.Count == 0 ? [] : [.. specific[0]];
        foreach (var other in specific.Skip(1))
        {
            var combined = senses.SelectMany(a => other.Where(b => Compatible(a, b)).Select(b => Merge(a, b))).Distinct().ToList();
            if (combined.Count > 0)
            {
                senses = combined;
            }
        }

        if (use == TargetUse.Question && frame.States.Count > 0)
        {
            var stated = senses.Where(s => frame.States.Any(st => Fits(st, s.Domain, s.DeviceClass))).ToList();
            if (stated.Count > 0)
            {
                senses = [.. stated.Select(s => s.DeviceClass is null && s.Domain == DeviceDomains.BinarySensor ? Refine(s, frame) : s)];
            }
            else if (specific.Count > 0)
            {
                // The state names a more precise kind than the noun: "batteries charging" asks about
                // battery-charging sensors, "lights detected" about light-detecting sensors.
                var nounKinds = senses.SelectMany(s => new[] { s.Domain, s.DeviceClass }).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var related = frame.States.Where(st => st.DeviceClass is not null && nounKinds.Contains(st.DeviceClass)).ToList();
                if (related.Count == 0 && nounKinds.Contains(DeviceDomains.BinarySensor))
                {
                    related = [.. frame.States.Where(st => st.Domain == DeviceDomains.BinarySensor)];
                }

                if (related.Count > 0)
                {
                    senses = [.. related.Select(st => new Sense(st.Domain, st.DeviceClass)).Distinct()];
                }
            }
            else
            {
                // Only a state ("is anything vibrating?"); a generic "device" word prefers sensors' readings.
                var generic = frame.Nouns.Count > 0;
                senses = [.. frame.States
                    .OrderBy(st => generic && st.Domain != DeviceDomains.BinarySensor ? 1 : 0)
                    .ThenBy(st => st.DeviceClass is null ? 1 : 0)
                    .Select(st => new Sense(st.Domain, st.DeviceClass)).Distinct()];
            }
        }

        if (use == TargetUse.Command)
        {
            senses = [.. senses.Where(s => s.Domain is null || FrameBuilder.IsControllable(s.Domain))];
        }

        if (domainHint is not null)
        {
            senses = [.. senses.Where(s => s.Domain == domainHint)];
        }

        return senses;
    }

    /// <summary>"센서" with "감지됐어" is a detecting sensor of the class the state names.</summary>
    private static Sense Refine(Sense sense, Frame frame) =>
        frame.States.FirstOrDefault(st => st.Domain == sense.Domain && st.DeviceClass is not null) is { DeviceClass: { } cls } ? sense with { DeviceClass = cls } : sense;

    private static bool Compatible(Sense a, Sense b) =>
        (a.Domain is null || b.Domain is null || a.Domain == b.Domain) &&
        (a.DeviceClass is null || b.DeviceClass is null || a.DeviceClass == b.DeviceClass);

    private static Sense Merge(Sense a, Sense b) => new(a.Domain ?? b.Domain, a.DeviceClass ?? b.DeviceClass);

    private static bool Fits(StateSense state, string? domain, string? deviceClass) =>
        state.Domain == domain && (state.DeviceClass is null || deviceClass is null || state.DeviceClass == deviceClass);

    private static string? StateValue(Frame frame, string? domain, string? deviceClass)
    {
        if (domain is null)
        {
            return null;
        }

        foreach (var state in frame.States)
        {
            if (state.Domain == domain && (state.DeviceClass is null || state.DeviceClass == deviceClass))
            {
                return state.Value;
            }
        }

        return frame.States.FirstOrDefault(s => s.Domain == domain).Value;
    }

    private static bool Matches(Device device, Sense sense) =>
        (sense.Domain is null || device.Domain == sense.Domain) && (sense.DeviceClass is null || device.DeviceClass == sense.DeviceClass);

    private static IEnumerable<Device> Scope(Home home, string? areaId, string? floorId) => home.DevicesIn(areaId, floorId);
}
