namespace Dure.Skills;

/// <summary>Where the speaking device is: a vehicle's reported position, else the home's location, else Seoul.</summary>
internal static class Location
{
    private sealed record Profile(string? Name, double? Latitude, double? Longitude);

    /// <summary>Seoul City Hall: the default for homes that do not say where they are.</summary>
    private static readonly (double Latitude, double Longitude) Seoul = (37.5665, 126.9780);

    public static (double Latitude, double Longitude) Of(SkillRequest request)
    {
        if (request.Speaker is { } speaker && request.StateOf(speaker) is var state &&
            state.Number("latitude") is { } lat && state.Number("longitude") is { } lon)
        {
            return (lat, lon);
        }

        return request.Profile<Profile>("location") is { Latitude: { } latitude, Longitude: { } longitude } ? (latitude, longitude) : Seoul;
    }

    /// <summary>The home's place name for weather ("서울"), when the home file says it.</summary>
    public static string? PlaceName(SkillRequest request) => request.Profile<Profile>("location")?.Name;
}
