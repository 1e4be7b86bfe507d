using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dure.Homes;
using Dure.Platform.Provisioning;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Dure.Server.Partners;

/// <summary>One device to import, as a JSON element or a CSV row with these column names.</summary>
public sealed record ImportRow(
    [property: JsonPropertyName("homeId")] string HomeId,
    [property: JsonPropertyName("deviceId")] string DeviceId,
    [property: JsonPropertyName("domain")] string? Domain = null,
    [property: JsonPropertyName("area")] string? Area = null,
    [property: JsonPropertyName("name_ko")] string? NameKo = null,
    [property: JsonPropertyName("name_en")] string? NameEn = null,
    [property: JsonPropertyName("connects")] bool? Connects = null);

public sealed record RejectedRowResponse(int Row, string Reason);

/// <summary>The import's report; <c>credentials</c> holds the tokens of the created devices that connect, shown only here.</summary>
public sealed record ImportResponse(int Created, IReadOnlyList<RejectedRowResponse> Rejected, IReadOnlyList<DeviceTokenResponse> Credentials);

/// <summary>
/// Bulk pre-provisioning: thousands of devices from a CSV file or a JSON array in one request. Every row is checked and
/// either created (with a token when it connects) or reported with its row number and the reason; good rows are created
/// even when others are rejected.
/// </summary>
internal static class DeviceImportEndpoints
{
    public const int MaxRows = 50_000;
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private const int MaxName = 200;

    /// <summary>The columns, by lower-case name; <c>homeId</c> and <c>deviceId</c> are required.</summary>
    private static readonly string[] Columns = ["homeId", "deviceId", "domain", "area", "name_ko", "name_en", "connects"];

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/devices/import", ImportAsync).RequireAuthorization(PartnerPolicies.Provisioning).WithTags("Provisioning")
            .WithSummary("Import devices from CSV (text/csv, a header row naming the columns) or a JSON array; tokens of connecting devices are in this answer only")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ImportRow[]), null, cancellationToken) },
                        ["text/csv"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Description = $"RFC 4180 CSV: a header row naming the columns ({string.Join(", ", Columns)}; homeId and deviceId required), then one device per row",
                            },
                        },
                    },
                };
            })
            .Produces<ImportResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> ImportAsync(ClaimsPrincipal user, HttpRequest request, HomeDirectory directory, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (mediaType is not ("text/csv" or "application/json"))
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "send the devices as text/csv (a header row, then one device per row) or as application/json (an array of devices)");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (text.Length > MaxBodyBytes)
        {
            return TooLarge();
        }

        List<(int Row, Dictionary<string, string?> Values, string? Problem)> rows;
        try
        {
            rows = mediaType == "text/csv" ? ReadCsv(text) : ReadJson(text);
        }
        catch (FormatException e)
        {
            return Problems.Invalid(e.Message);
        }

        if (rows.Count == 0)
        {
            return Problems.Invalid("there are no devices to import");
        }

        if (rows.Count > MaxRows)
        {
            return Problems.Invalid($"at most {MaxRows} devices per import; split the file");
        }

        List<NewDevice> devices = [];
        List<RejectedDevice> rejected = [];
        foreach (var (row, values, problem) in rows)
        {
            NewDevice? device = null;
            if ((problem ?? Check(row, values, out device)) is { } reason)
            {
                rejected.Add(new RejectedDevice(row, reason));
            }
            else if (device is not null)
            {
                devices.Add(device);
            }
        }

        var result = await directory.AddDevicesAsync(user.Tenant(), devices, cancellationToken);
        rejected.AddRange(result.Rejected);
        await audit.Audit(user, "device.import", $"{result.Added.Count} devices",
            $"created {result.Added.Count}, rejected {rejected.Count}, with tokens {result.Added.Count(a => a.Token is not null)}");
        return Results.Ok(new ImportResponse(result.Added.Count,
            [.. rejected.OrderBy(r => r.Row).Select(r => new RejectedRowResponse(r.Row, r.Reason))],
            [.. result.Added.Where(a => a.Token is not null).Select(a => new DeviceTokenResponse(a.HomeId, a.DeviceId, a.Token!))]));
    }

    /// <summary>A row's values as a device for the home, or why it cannot be one; null device for a row with nothing in it.</summary>
    private static string? Check(int row, Dictionary<string, string?> values, out NewDevice? device)
    {
        device = null;
        string? Value(string column) => values.GetValueOrDefault(column) is { } v && v.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        if (values.Values.All(string.IsNullOrWhiteSpace))
        {
            return null; // a blank row, as spreadsheets leave at the end
        }

        if (Value("homeId") is not { } homeId)
        {
            return "homeId is missing";
        }

        if (!Ids.IsValid(homeId))
        {
            return $"homeId '{homeId}' is not valid: {Ids.Rule}";
        }

        if (Value("deviceId") is not { } deviceId)
        {
            return "deviceId is missing";
        }

        if (!Ids.IsValid(deviceId))
        {
            return $"deviceId '{deviceId}' is not valid: {Ids.Rule}";
        }

        var domain = Value("domain") ?? DeviceDomains.OfEntityId(deviceId);
        if (!DeviceDomains.All.Contains(domain, StringComparer.Ordinal))
        {
            return Value("domain") is null
                ? $"domain is missing and the id '{deviceId}' does not start with one (like light.kitchen)"
                : $"domain '{domain}' is not known; it is one of {string.Join(", ", DeviceDomains.All)}";
        }

        var area = Value("area");
        if (area is not null && !Ids.IsValid(area))
        {
            return $"area '{area}' is not valid: {Ids.Rule}";
        }

        Dictionary<string, object?> names = new(StringComparer.Ordinal);
        foreach (var (column, language) in new[] { ("name_ko", "ko"), ("name_en", "en") })
        {
            if (Value(column) is { } name)
            {
                if (name.Length > MaxName)
                {
                    return $"{column} is longer than {MaxName} characters";
                }

                names[language] = new List<object?> { name };
            }
        }

        if (names.Count == 0)
        {
            return "a device needs a name: give name_ko or name_en";
        }

        bool connects;
        switch (Value("connects")?.ToLowerInvariant())
        {
            case null or "false" or "no" or "0":
                connects = false;
                break;
            case "true" or "yes" or "1":
                connects = true;
                break;
            default:
                return $"connects must be true or false, not '{Value("connects")}'";
        }

        device = new NewDevice(row, homeId, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = deviceId,
            ["domain"] = domain,
            ["area"] = area,
            ["names"] = names,
        }, connects);
        return null;
    }

    /// <summary>Rows of a CSV file with a header; row 1 is the first device (empty lines are not counted).</summary>
    private static List<(int, Dictionary<string, string?>, string?)> ReadCsv(string text)
    {
        var records = Csv.Parse(text);
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Fields.Select(h => Canonical(h) ?? throw new FormatException(
            $"unknown column '{h.Trim()}' in the header; the columns are {string.Join(", ", Columns)}")).ToList();
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            throw new FormatException("the header names a column twice");
        }

        if (!header.Contains("homeId") || !header.Contains("deviceId"))
        {
            throw new FormatException($"the header must name the columns homeId and deviceId (the columns are {string.Join(", ", Columns)})");
        }

        List<(int, Dictionary<string, string?>, string?)> rows = [];
        for (var i = 1; i < records.Count; i++)
        {
            var fields = records[i].Fields;
            var values = header.Select((column, c) => (column, value: c < fields.Count ? fields[c] : null))
                .ToDictionary(p => p.column, p => p.value, StringComparer.Ordinal);
            var problem = fields.Count != header.Count && !(fields.Count > header.Count && fields.Skip(header.Count).All(string.IsNullOrWhiteSpace))
                ? $"has {fields.Count} fields where the header has {header.Count} (line {records[i].Line})"
                : null;
            rows.Add((i, values, problem));
        }

        return rows;
    }

    /// <summary>Rows of a JSON array of objects; row 1 is the first element.</summary>
    private static List<(int, Dictionary<string, string?>, string?)> ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the body must be a JSON array of devices");
            }

            List<(int, Dictionary<string, string?>, string?)> rows = [];
            var row = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                row++;
                Dictionary<string, string?> values = new(StringComparer.Ordinal);
                string? problem = element.ValueKind == JsonValueKind.Object ? null : "a device must be a JSON object";
                foreach (var property in element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : default)
                {
                    if (Canonical(property.Name) is not { } column)
                    {
                        problem ??= $"unknown field '{property.Name}'; the fields are {string.Join(", ", Columns)}";
                        continue;
                    }

                    values[column] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        JsonValueKind.True or JsonValueKind.False when column == "connects" => property.Value.GetBoolean() ? "true" : "false",
                        _ => null,
                    };
                    if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null) &&
                        !(column == "connects" && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False))
                    {
                        problem ??= column == "connects" ? "connects must be true or false" : $"{column} must be a string";
                    }
                }

                rows.Add((row, values, problem));
            }

            return rows;
        }
    }

    private static string? Canonical(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge() =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "too_large", $"an import may be at most {MaxBodyBytes / (1024 * 1024)} MiB; split the file");
}
