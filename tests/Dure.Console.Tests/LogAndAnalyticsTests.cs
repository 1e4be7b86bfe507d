using Dure.Sdk;
using static Microsoft.Playwright.Assertions;

namespace Dure.Console.Tests;

/// <summary>The conversation log and the analytics charts over turns a real device had with the assistant.</summary>
public sealed class LogAndAnalyticsTests(ConsoleLab lab) : ConsoleTest(lab)
{
    private static readonly string[] Utterances =
    [
        "거실 불 켜줘", "침실 불 켜줘", "거실 불 꺼줘", "Turn on the bedroom light", "지금 몇 시야?", "Turn off the living room light",
        "블루베리 스무디 레시피 알려줘",
    ];

    [Fact]
    public async Task The_log_lists_a_sites_turns_newest_first_the_charts_count_them_and_an_owner_deletes_them()
    {
        var (siteId, homeId) = await TalkedHomeAsync();
        var page = await SignedInPageAsync();

        await page.GotoAsync(Lab.Url($"/console/#/conversations?siteId={siteId}"));
        var rows = page.GetByTestId("conv-row");
        await Expect(rows).ToHaveCountAsync(Utterances.Length);
        await Expect(rows.First).ToContainTextAsync(Utterances[^1]);
        await Expect(rows.Last).ToContainTextAsync("거실 불 켜줘");
        await Expect(rows.Last).ToContainTextAsync("home.turn_on");
        await Expect(rows.Last).ToContainTextAsync("거실 조명을 켰어요.");
        await Expect(page.Locator("[data-testid=conv-row].not-understood")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("conv-home")).ToBeEnabledAsync();
        await ConsoleLab.ScreenshotAsync(page, "conversations");

        await page.GotoAsync(Lab.Url($"/console/#/analytics?siteId={siteId}"));
        await Expect(page.GetByTestId("kpi-utterances")).ToContainTextAsync(Utterances.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("kpi-understood")).ToContainTextAsync("85.7%");
        await Expect(page.GetByTestId("chart-intents")).ToContainTextAsync("home.turn_on");
        await Expect(page.GetByTestId("chart-utterances").Locator("rect.bar:not(.overlay)")).ToHaveCountAsync(7);
        await ConsoleLab.ScreenshotAsync(page, "analytics");

        await page.GotoAsync(Lab.Url($"/console/#/conversations?siteId={siteId}&homeId={homeId}"));
        await Expect(rows).ToHaveCountAsync(Utterances.Length);
        await page.GetByTestId("conv-delete").ClickAsync();
        await page.GetByTestId("confirm-yes").ClickAsync();
        await Expect(page.GetByText($"대화 {Utterances.Length}건을 삭제했어요.")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.GetByText("조건에 맞는 대화가 없어요.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_viewer_reads_the_log_but_may_not_delete_it()
    {
        var (siteId, homeId) = await TalkedHomeAsync();
        var (email, password) = await Lab.NewUserAsync("viewer", Ct);
        var page = await SignedInPageAsync(email, password);
        await page.GotoAsync(Lab.Url($"/console/#/conversations?siteId={siteId}&homeId={homeId}"));
        await Expect(page.GetByTestId("conv-row")).ToHaveCountAsync(Utterances.Length);
        await Expect(page.GetByTestId("conv-delete")).ToHaveCountAsync(0);
    }

    /// <summary>A new home whose wall pad said every utterance; returns when the log holds them all.</summary>
    private async Task<(string SiteId, string HomeId)> TalkedHomeAsync()
    {
        var homeId = await Lab.NewHomeAsync("두레 타워", Ct);
        var home = await Lab.ApiAsync(HttpMethod.Get, $"/v1/homes/{homeId}", cancellationToken: Ct);
        var siteId = home.GetProperty("siteId").GetString()!;
        var token = (await Lab.ApiAsync(HttpMethod.Post, $"/v1/homes/{homeId}/devices/wallpad/token", cancellationToken: Ct)).GetProperty("token").GetString()!;
        await using (var wallpad = new DureDeviceClient(new DureDeviceClientOptions { Server = Lab.Server.BaseUrl, Token = token, Reconnect = false }))
        {
            await wallpad.ConnectAsync(Ct);
            foreach (var utterance in Utterances)
            {
                await wallpad.RecognizeTextAsync(utterance, cancellationToken: Ct);
            }
        }

        // Turns are recorded off the device's path, in batches: wait until all are in the log.
        for (var attempt = 0; ; attempt++)
        {
            var listed = await Lab.ApiAsync(HttpMethod.Get, $"/v1/conversations?homeId={homeId}&limit=50", cancellationToken: Ct);
            if (listed.GetProperty("items").GetArrayLength() == Utterances.Length)
            {
                return (siteId, homeId);
            }

            Assert.True(attempt < 100, $"the log holds {listed.GetProperty("items").GetArrayLength()} of {Utterances.Length} turns");
            await Task.Delay(100, Ct);
        }
    }
}
