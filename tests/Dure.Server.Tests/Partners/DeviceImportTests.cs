using System.Net;
using System.Text;
using System.Text.Json;

namespace Dure.Server.Tests.Partners;

/// <summary>Bulk pre-provisioning through the real server: CSV and JSON, every bad row reported, every good row usable.</summary>
public sealed class DeviceImportTests(PartnerLab lab) : IClassFixture<PartnerLab>
{
    private const string Header = "homeId,deviceId,domain,area,name_ko,name_en,connects";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_thousand_rows_create_the_good_devices_and_report_each_bad_row()
    {
        var homes = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            homes.Add((await lab.NewHomeAsync(Ct)).HomeId);
        }

        var rivalHome = (await lab.NewHomeAsync(Ct, lab.RivalAdminKey)).HomeId;
        var csv = new StringBuilder(Header + "\r\n");
        var expectedBad = new Dictionary<int, string>();
        var good = new Dictionary<int, (string Home, string Device, bool Connects)>();
        for (var row = 1; row <= 2000; row++)
        {
            var home = homes[row % homes.Count];
            var device = $"light.l{row}";
            var line = (row % 100) switch
            {
                7 => Bad($"no-such-home,{device},,,조명 {row},,", "home 'no-such-home' does not exist"),
                13 => Bad($"{rivalHome},{device},,,조명 {row},,", $"home '{rivalHome}' does not exist"),
                21 => Bad($"{home},speaker,assist_satellite,,스피커,,true", $"home '{home}' already has a device 'speaker'"),
                29 => Bad($"{homes[(row - 1) % homes.Count]},light.l{row - 1},,,조명,,", $"row {row - 1} already adds device 'light.l{row - 1}'"),
                33 => Bad($"{home},{device},,attic,조명 {row},,", $"home '{home}' has no area 'attic'"),
                41 => Bad($"{home},toaster.t{row},,,토스터,,", "domain is missing"),
                43 => Bad($"{home},{device},toaster,,토스터,,", "domain 'toaster' is not known"),
                52 => Bad($"{home},{device},,,,,", "a device needs a name"),
                61 => Bad($"{home},{device},,,조명,,maybe", "connects must be true or false"),
                67 => Bad($"{home},bad id {row},,,조명,,", "deviceId 'bad id"),
                73 => Bad($"{home},{device},,,조명", "has 5 fields where the header has 7"),
                79 => Bad($",{device},,,조명,,", "homeId is missing"),
                _ => Good(home, row),
            };
            csv.Append(line).Append("\r\n");

            string Bad(string text, string reason)
            {
                expectedBad[row] = reason;
                return text;
            }
        }

        string Good(string home, int row)
        {
            var connects = row % 3 == 0;
            var speaker = row % 50 == 0;
            var id = speaker ? $"speaker.s{row}" : $"light.l{row}";
            good[row] = (home, id, connects || speaker);
            // Quoted fields with a comma and a doubled quote, as a spreadsheet writes names.
            return speaker
                ? $"{home},{id},assist_satellite,living_room,\"스피커 {row}\",\"Speaker \"\"{row}\"\"\",true"
                : $"{home},{id},,{(row % 2 == 0 ? "bedroom" : "")},\"조명, {row}번\",Light {row},{(connects ? "TRUE" : "")}";
        }

        using var admin = lab.AcmeAdmin();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = await admin.OkAsync(HttpMethod.Post, "/v1/devices/import", csv.ToString(), Ct, "text/csv");
        clock.Stop();

        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal(expectedBad.Keys.Order(), rejected.Keys.Order());
        foreach (var (row, reason) in expectedBad)
        {
            Assert.True(rejected[row].Contains(reason, StringComparison.Ordinal), $"row {row}: '{rejected[row]}' does not say '{reason}'");
        }

        Assert.Equal(good.Count, report.GetProperty("created").GetInt32());
        var credentials = report.GetProperty("credentials").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("homeId").GetString()!, c.GetProperty("deviceId").GetString()!), c => c.GetProperty("token").GetString()!);
        Assert.Equal(good.Values.Where(g => g.Connects).Select(g => (g.Home, g.Device)).Order(), credentials.Keys.Order());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"2,000 rows took {clock.Elapsed}");

        // Every good row is a device of its home, connecting exactly when asked; no rejected row left a trace.
        foreach (var home in homes)
        {
            var devices = (await admin.GetAsync($"/v1/homes/{home}/devices", Ct)).GetProperty("items").EnumerateArray()
                .ToDictionary(d => d.GetProperty("id").GetString()!, d => d);
            foreach (var (row, expected) in good.Where(g => g.Value.Home == home))
            {
                Assert.True(devices.TryGetValue(expected.Device, out var device), $"row {row}: {expected.Device} is missing");
                Assert.Equal(expected.Connects, device.GetProperty("connects").GetBoolean());
                if (row % 50 != 0)
                {
                    Assert.Equal($"조명, {row}번", device.GetProperty("names").GetProperty("ko")[0].GetString());
                    Assert.Equal(row % 2 == 0 ? "bedroom" : null, device.GetProperty("area").GetString());
                }
                else
                {
                    Assert.Equal($"Speaker \"{row}\"", device.GetProperty("names").GetProperty("en")[0].GetString());
                }
            }

            Assert.Equal(1 + 1 + good.Count(g => g.Value.Home == home), devices.Count); // the lab's speaker and light, and the import's
        }

        Assert.Contains("device.import", Json.Ids(await admin.GetAsync("/v1/audit", Ct), "action"));

        // A pre-provisioned speaker connects with its token and talks; a pre-provisioned light's token connects too.
        var speakerRow = good.First(g => g.Key % 50 == 0).Value;
        await using (var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, credentials[(speakerRow.Home, speakerRow.Device)], Ct))
        {
            await speaker.AssertStillAnswersAsync(Ct);
        }

        var lightRow = good.First(g => g.Key % 50 != 0 && g.Value.Connects).Value;
        await using var light = await RawDevice.ConnectAsync(lab.Server.BaseUrl, credentials[(lightRow.Home, lightRow.Device)], Ct);
        Assert.Null(light.CloseStatus);
    }

    [Fact]
    public async Task A_JSON_array_imports_like_CSV()
    {
        var site = await lab.NewHomeAsync(Ct);
        using var admin = lab.AcmeAdmin();
        var rows = new object[]
        {
            new { homeId = site.HomeId, deviceId = "speaker.json", domain = "assist_satellite", area = "bedroom", name_ko = "침실 스피커", connects = true },
            new { homeId = site.HomeId, deviceId = "fan.json", name_en = "Fan", connects = false },
            new { homeId = site.HomeId, deviceId = "fan.typo", nameEn = "Fan" },
            new { homeId = site.HomeId, deviceId = "fan.number", name_en = 5 },
        };

        var report = await admin.OkAsync(HttpMethod.Post, "/v1/devices/import", JsonSerializer.Serialize(rows), Ct);

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([3, 4], rejected.Select(r => r.Item1));
        Assert.Contains("unknown field 'nameEn'", rejected[0].Item2, StringComparison.Ordinal);
        Assert.Contains("name_en must be a string", rejected[1].Item2, StringComparison.Ordinal);
        var credential = Assert.Single(report.GetProperty("credentials").EnumerateArray());
        Assert.Equal("speaker.json", credential.GetProperty("deviceId").GetString());
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, credential.GetProperty("token").GetString()!, Ct);
        await speaker.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task A_home_that_cannot_be_edited_rejects_its_rows_and_the_others_still_import()
    {
        var site = await lab.NewHomeAsync(Ct);
        using var admin = lab.AcmeAdmin();
        var fixture = (await admin.PostAsync($"/v1/sites/{site.SiteId}/spaces", new { kind = "room", name = "HA 방" }, Ct)).GetProperty("id").GetString()!;
        await admin.OkAsync(HttpMethod.Put, $"/v1/spaces/{fixture}/home", """
            language: en
            areas:
              - id: kitchen
                name: Kitchen
            entities:
              - id: light.kitchen
                name: Kitchen Light
                area: kitchen
                state: "off"
            """, Ct, "application/yaml");
        var csv = $"{Header}\n{fixture},light.a,,,A,,\n{site.HomeId},light.b,,,B,,true\n{fixture},light.c,,,C,,true\n";

        var report = await admin.OkAsync(HttpMethod.Post, "/v1/devices/import", csv, Ct, "text/csv");

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 3], rejected.Select(r => r.GetProperty("row").GetInt32()));
        Assert.All(rejected, r => Assert.Contains("Home Assistant fixture", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Equal("light.b", Assert.Single(report.GetProperty("credentials").EnumerateArray()).GetProperty("deviceId").GetString());
        Assert.DoesNotContain("light.c", Json.Ids(await admin.GetAsync($"/v1/homes/{fixture}/devices", Ct)));
    }

    [Theory]
    [InlineData("text/csv", "homeId,deviceId,colour\nh,d,red\n", "unknown column 'colour'")]
    [InlineData("text/csv", "deviceId,name_ko\nd,이름\n", "must name the columns homeId and deviceId")]
    [InlineData("text/csv", "homeId,deviceId,homeid\nh,d,h\n", "names a column twice")]
    [InlineData("text/csv", "homeId,deviceId\nh,\"d\n", "line 2: a quoted field is never closed")]
    [InlineData("text/csv", "homeId,deviceId\n", "no devices")]
    [InlineData("application/json", "{\"homeId\":\"h\"}", "must be a JSON array")]
    [InlineData("application/json", "[{\"homeId\":", "not valid JSON")]
    [InlineData("application/json", "[]", "no devices")]
    public async Task An_unreadable_import_is_refused_whole_with_the_reason(string contentType, string body, string reason)
    {
        using var admin = lab.AcmeAdmin();

        var (status, problem, _) = await admin.SendAsync(HttpMethod.Post, "/v1/devices/import", body, Ct, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_CSV_or_JSON_is_taken()
    {
        using var admin = lab.AcmeAdmin();

        var (status, problem, _) = await admin.SendAsync(HttpMethod.Post, "/v1/devices/import", "homeId,deviceId\n", Ct, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("text/csv", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
