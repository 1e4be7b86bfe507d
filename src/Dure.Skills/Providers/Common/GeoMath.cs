namespace Dure.Skills.Providers;

internal static class GeoMath
{
    private const double EarthRadiusKm = 6371.0088; // mean radius (IUGG)

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double HaversineKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = ToRadians(latitude1);
        var phi2 = ToRadians(latitude2);
        var deltaPhi = ToRadians(latitude2 - latitude1);
        var deltaLambda = ToRadians(longitude2 - longitude1);
        var h = (Math.Sin(deltaPhi / 2) * Math.Sin(deltaPhi / 2)) +
            (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(deltaLambda / 2) * Math.Sin(deltaLambda / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
