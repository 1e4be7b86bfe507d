using System.Globalization;
using Dure.Platform.Storage;
using Dure.Protocol;
using Microsoft.Data.Sqlite;

namespace Dure.Server.Tests.Partners;

/// <summary>A lab whose recorder holds turn records for ten minutes, and whose janitor sweeps every 200 ms.</summary>
public sealed class BufferingLab : PartnerLab
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Dure__Conversations__FlushInterval"] = "00:10:00",
        ["Dure__Conversations__RetentionSweepInterval"] = "00:00:00.200",
    };
}

/// <summary>Turn records across a graceful stop, and the retention janitor, through the real server and its database file.</summary>
public sealed class RetentionTests(BufferingLab lab) : IClassFixture<BufferingLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Buffered_records_are_written_at_a_graceful_stop_and_records_past_the_retention_go_while_analytics_stay()
    {
        var site = await lab.NewHomeAsync(Ct);
        await using (var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, site.SpeakerToken, Ct))
        {
            foreach (var text in new[] { "거실 불 켜줘", "블라블라 쿵짝", "거실 불 꺼줘" })
            {
                var id = await speaker.SayAsync(text, Ct);
                await speaker.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: id);
            }
        }

        using (var admin = lab.AcmeAdmin())
        {
            // Still in the recorder's buffer: nothing is written yet.
            Assert.Empty((await admin.GetAsync($"/v1/conversations?homeId={site.HomeId}", Ct)).GetProperty("items").EnumerateArray());
            await admin.OkAsync(HttpMethod.Patch, "/v1/tenant", new { retentionDays = 1 }, Ct);
        }

        Assert.Equal(0, await lab.Server.StopAsync(kill: false, Ct));
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using (var database = new SqliteConnection($"Data Source={Path.Combine(lab.Server.DataDirectory, SqliteDatabase.FileName)};Pooling=False"))
        {
            await database.OpenAsync(Ct);
            await using var age = database.CreateCommand();
            // The stop wrote all three; now they are made two days old, past the tenant's one-day retention.
            age.CommandText = "UPDATE conversations SET at = at - 2 * 86400000 WHERE home_id = $home";
            age.Parameters.AddWithValue("$home", site.HomeId);
            Assert.Equal(3, await age.ExecuteNonQueryAsync(Ct));
        }

        await lab.Server.RestartAsync(kill: false, Ct);
        using var client = lab.AcmeAdmin();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await client.GetAsync($"/v1/conversations?homeId={site.HomeId}", Ct)).GetProperty("items").GetArrayLength() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the janitor did not delete the records past the retention");
            await Task.Delay(100, Ct);
        }

        var analytics = await client.GetAsync($"/v1/analytics?siteId={site.SiteId}&from={day}&to={day}", Ct);
        var totals = analytics.GetProperty("totals");
        Assert.Equal((3, 2), (totals.GetProperty("utterances").GetInt32(), totals.GetProperty("understood").GetInt32()));
        Assert.Equal(1, (await client.GetAsync("/v1/tenant", Ct)).GetProperty("retentionDays").GetInt32());
    }
}
