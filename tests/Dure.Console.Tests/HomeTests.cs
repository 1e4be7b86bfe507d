using Dure.Sdk;
using static Microsoft.Playwright.Assertions;

namespace Dure.Console.Tests;

/// <summary>A home's page: its areas and devices with live state, and device tokens for operators.</summary>
public sealed class HomeTests(ConsoleLab lab) : ConsoleTest(lab)
{
    [Fact]
    public async Task The_home_shows_device_states_and_a_device_turn_updates_them_live()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(Lab.Url("/console/#/homes/demo-home"));
        await Expect(page.GetByTestId("area-living_room")).ToContainTextAsync("거실");
        await Expect(page.GetByTestId("state-light.living_room")).ToHaveTextAsync("꺼짐");
        await Expect(page.GetByTestId("state-lock.front_door")).ToHaveTextAsync("잠김");
        await Expect(page.GetByTestId("device-climate.living_room_floor_heating")).ToContainTextAsync("설정 22°");
        await Expect(page.GetByTestId("summary-devices")).ToHaveTextAsync("기기 16대");

        // The demo wall pad speaks through the SDK, as a real device would; the page must follow within a poll or two.
        await using var wallpad = new DureDeviceClient(new DureDeviceClientOptions { Server = Lab.Server.BaseUrl, Token = Lab.Server.DemoToken, Reconnect = false });
        await wallpad.ConnectAsync(Ct);
        var speech = await wallpad.RecognizeTextAsync("거실 불 켜줘", cancellationToken: Ct);
        Assert.Equal("거실 조명을 켰어요.", speech.Text);

        await Expect(page.GetByTestId("state-light.living_room")).ToHaveTextAsync("켜짐");
        await Expect(page.GetByTestId("device-light.living_room")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bchanged\b"));
        await Expect(page.GetByTestId("device-light.living_room")).ToContainTextAsync("밝기 100%");
        await Expect(page.GetByTestId("device-light.kitchen")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bchanged\b"));
        await Expect(page.GetByTestId("summary-on")).ToContainTextAsync("작동 중");
        await ConsoleLab.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task An_operator_issues_a_token_that_connects_and_revokes_it()
    {
        var (email, password) = await Lab.NewUserAsync("operator", Ct);
        var page = await SignedInPageAsync(email, password);
        await page.GotoAsync(Lab.Url("/console/#/homes/demo-home"));
        await page.GetByTestId("token-device").SelectOptionAsync("fan.bathroom");
        await page.GetByText("이 기기에 토큰 발급").ClickAsync();
        var token = await page.GetByTestId("issued-token").TextContentAsync();
        Assert.StartsWith("dure_", token);
        await page.GetByTestId("dialog-close").ClickAsync();
        await Expect(page.GetByTestId("token-row-fan.bathroom")).ToContainTextAsync("토큰 있음");

        await using (var fan = new DureDeviceClient(new DureDeviceClientOptions { Server = Lab.Server.BaseUrl, Token = token!, Reconnect = false }))
        {
            await fan.ConnectAsync(Ct);
            Assert.False(string.IsNullOrWhiteSpace((await fan.RecognizeTextAsync("안녕", cancellationToken: Ct)).Text));
        }

        await page.GetByTestId("revoke-fan.bathroom").ClickAsync();
        await page.GetByTestId("confirm-yes").ClickAsync();
        await Expect(page.GetByTestId("token-row-fan.bathroom")).ToHaveCountAsync(0);
        await using var revoked = new DureDeviceClient(new DureDeviceClientOptions { Server = Lab.Server.BaseUrl, Token = token!, Reconnect = false });
        await Assert.ThrowsAsync<DureAuthenticationException>(() => revoked.ConnectAsync(Ct));
    }
}
