using System.Text.Json;

namespace Dure.Protocol;

/// <summary>The <c>type</c> values of <c>Home.Event</c> and the fields each carries in <c>data</c> (docs/protocol.md).</summary>
public static class HomeEventTypes
{
    /// <summary><c>{floor}</c>: an elevator called for the home arrived; floor is a number or a name such as "B1".</summary>
    public const string ElevatorArrived = "elevator.arrived";

    /// <summary><c>{utility, value, unit}</c>: a cumulative meter reading.</summary>
    public const string MeterReading = "meter.reading";

    /// <summary><c>{carrier?, item?}</c>: a parcel was delivered to the complex's locker or the door.</summary>
    public const string ParcelArrived = "parcel.arrived";

    /// <summary><c>{name?}</c>: someone rang at the entrance.</summary>
    public const string VisitorArrived = "visitor.arrived";

    /// <summary><c>{location}</c>: where the household's car was parked.</summary>
    public const string ParkingUpdated = "parking.updated";

    /// <summary><c>{driving, latitude?, longitude?}</c>: a vehicle device started or stopped driving, or moved.</summary>
    public const string VehicleDriving = "vehicle.driving";

    public static IReadOnlyList<string> All { get; } =
        [ElevatorArrived, MeterReading, ParcelArrived, VisitorArrived, ParkingUpdated, VehicleDriving];

    /// <summary>Utilities a meter reading may be for.</summary>
    public static IReadOnlyList<string> Utilities { get; } = ["electricity", "water", "gas", "heating"];

    /// <summary>True for events only the home's gateway (the home network) may send; vehicle events come from the vehicle itself.</summary>
    public static bool FromHomeNetwork(string type) => type != VehicleDriving;

    /// <summary>
    /// Checks the type and the shape of <c>data</c>; returns null when valid, else a sentence for <c>invalid_message</c>.
    /// Unknown fields are allowed, as everywhere in the protocol.
    /// </summary>
    public static string? Validate(HomeEventReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!All.Contains(report.Type))
        {
            return $"type must be one of {string.Join(", ", All)}";
        }

        var data = report.Data is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given ? given : (JsonElement?)null;
        if (data is { ValueKind: not JsonValueKind.Object })
        {
            return "data must be an object";
        }

        return report.Type switch
        {
            ElevatorArrived => data is { } d && d.TryGetProperty("floor", out var floor) &&
                (floor.ValueKind == JsonValueKind.Number && floor.TryGetInt32(out _) ||
                 floor.ValueKind == JsonValueKind.String && floor.GetString() is { Length: > 0 and <= 16 })
                ? null : "elevator.arrived needs data.floor: an integer or a short name such as \"B1\"",
            MeterReading => MeterProblem(data),
            ParkingUpdated => data is { } d && Text(d, "location") is { Length: > 0 and <= 200 }
                ? null : "parking.updated needs data.location: a non-empty string",
            VehicleDriving => VehicleProblem(data),
            _ => OptionalStrings(data, report.Type == ParcelArrived ? ["carrier", "item"] : ["name"]),
        };
    }

    private static string? MeterProblem(JsonElement? data)
    {
        if (data is not { } d || Text(d, "utility") is not { } utility || !Utilities.Contains(utility))
        {
            return $"meter.reading needs data.utility: one of {string.Join(", ", Utilities)}";
        }

        if (!d.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number || value.GetDouble() is < 0 or double.NaN)
        {
            return "meter.reading needs data.value: a number of at least 0 (the meter's cumulative count)";
        }

        return Text(d, "unit") is { Length: > 0 and <= 16 } ? null : "meter.reading needs data.unit: kWh, m3, MWh, Gcal ...";
    }

    private static string? VehicleProblem(JsonElement? data)
    {
        if (data is not { } d || !d.TryGetProperty("driving", out var driving) ||
            driving.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return "vehicle.driving needs data.driving: true or false";
        }

        foreach (var (name, limit) in new[] { ("latitude", 90.0), ("longitude", 180.0) })
        {
            if (d.TryGetProperty(name, out var coordinate) && coordinate.ValueKind != JsonValueKind.Null &&
                (coordinate.ValueKind != JsonValueKind.Number || Math.Abs(coordinate.GetDouble()) > limit))
            {
                return $"vehicle.driving data.{name} must be a number between -{limit} and {limit}";
            }
        }

        return d.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number !=
            (d.TryGetProperty("longitude", out var lon) && lon.ValueKind == JsonValueKind.Number)
            ? "vehicle.driving needs both latitude and longitude, or neither"
            : null;
    }

    private static string? OptionalStrings(JsonElement? data, string[] names)
    {
        foreach (var name in names)
        {
            if (data is { } d && d.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"data.{name} must be a string when given";
            }
        }

        return null;
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
