using Dure.Homes;
using Dure.Understanding;

namespace Dure.Skills.SmartHome;

/// <summary>Why no device could be chosen, and what to tell the user.</summary>
internal enum TargetProblem
{
    None,

    /// <summary>The user named a room or device the home does not have.</summary>
    UnknownName,

    /// <summary>Nothing of that kind in that place.</summary>
    NothingThere,

    /// <summary>Several devices fit and the user did not say "all": ask which one.</summary>
    Ambiguous,
}

/// <summary>The devices a home intent acts on or asks about.</summary>
internal sealed record Targets(IReadOnlyList<Device> Devices, TargetProblem Problem = TargetProblem.None)
{
    /// <summary>
    /// Finds the devices the parse means: the named ones, else every device of the said kind in the said place.
    /// Several devices in different rooms without "all" or a room are ambiguous, never a silent guess.
    /// </summary>
    public static Targets Find(SkillRequest request, bool readOnlyToo, string? requiredDomain = null, Func<Device, bool>? fits = null)
    {
        var parse = request.Parse;
        var home = request.Home;
        if (parse.UnknownName is not null)
        {
            return new Targets([], TargetProblem.UnknownName);
        }

        IReadOnlyList<Device> devices;
        var named = parse.DeviceIds;
        if (!named.IsEmpty)
        {
            devices = [.. named.Select(home.FindDevice).OfType<Device>()];
            return devices.Count > 1 && !parse.SaidAll && !readOnlyToo
                ? new Targets(devices, TargetProblem.Ambiguous)
                : new Targets(devices);
        }

        var area = parse.Text("area");
        var floor = parse.Text("floor");
        var domain = requiredDomain ?? parse.Text("domain");
        var deviceClass = parse.Text("device_class");
        devices = [.. home.DevicesIn(area, floor).Where(d =>
            (readOnlyToo || ControlsSomething(d)) &&
            (domain is null || d.Domain == domain) &&
            (deviceClass is null || d.DeviceClass == deviceClass) &&
            (fits is null || fits(d)))];

        if (devices.Count == 0)
        {
            return new Targets([], TargetProblem.NothingThere);
        }

        var rooms = devices.Select(d => d.AreaId).Distinct().Count();
        return rooms > 1 && area is null && floor is null && !parse.SaidAll && !readOnlyToo
            ? new Targets(devices, TargetProblem.Ambiguous)
            : new Targets(devices);
    }

    private static bool ControlsSomething(Device device) =>
        device.Domain is not (DeviceDomains.Sensor or DeviceDomains.BinarySensor or DeviceDomains.Person or DeviceDomains.Weather);
}
