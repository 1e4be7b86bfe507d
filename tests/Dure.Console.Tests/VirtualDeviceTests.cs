using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dure.Console.Tests;

/// <summary>The virtual device: a browser WebSocket to /v1/devices/connect, typing to the assistant as a home's device.</summary>
public sealed class VirtualDeviceTests(ConsoleLab lab) : ConsoleTest(lab)
{
    [Fact]
    public async Task The_wall_pad_hears_korean_and_english_and_shows_each_reply_and_device_control()
    {
        var homeId = await Lab.NewHomeAsync("두레 오피스텔", Ct);
        await Lab.ApiAsync(HttpMethod.Post, $"/v1/homes/{homeId}/devices/wallpad/token", cancellationToken: Ct);
        var page = await SignedInPageAsync();
        await page.GotoAsync(Lab.Url($"/console/#/device?home={homeId}&device=wallpad"));
        await Expect(page.GetByTestId("vd-status")).ToHaveTextAsync("연결 안 됨");
        await Expect(page.GetByTestId("vd-connect")).ToBeDisabledAsync();

        // The wall pad already has a token (given to the device): issuing one here rotates it, after a warning.
        await page.GetByTestId("vd-issue").ClickAsync();
        await Expect(page.GetByTestId("confirm")).ToContainTextAsync("이전 토큰은 더 이상 쓸 수 없어요");
        await page.GetByTestId("confirm-yes").ClickAsync();
        await Expect(page.GetByTestId("vd-token-held")).ToBeVisibleAsync();
        await page.GetByTestId("vd-connect").ClickAsync();
        await Expect(page.GetByTestId("vd-status")).ToHaveTextAsync("연결됨");

        await page.GetByTestId("vd-input").FillAsync("거실 불 켜줘");
        await page.GetByTestId("vd-input").PressAsync("Enter");
        await Expect(page.GetByTestId("chat-user").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^거실 불 켜줘"));
        await Expect(page.GetByTestId("chat-assistant").Last).ToContainTextAsync("거실 조명을 켰어요.");
        await Expect(page.GetByTestId("chat-control").Last).ToHaveTextAsync("light.turn_on → light.living_room");

        await page.GetByTestId("vd-input").FillAsync("Turn off the living room light");
        await page.GetByTestId("vd-send").ClickAsync();
        await Expect(page.GetByTestId("chat-assistant").Last).ToContainTextAsync("Turned off the Living Room Light.");
        await Expect(page.GetByTestId("chat-control").Last).ToHaveTextAsync("light.turn_off → light.living_room");
        await Expect(page.GetByTestId("chat-directive")).ToHaveCountAsync(2);
        await ConsoleLab.ScreenshotAsync(page, "virtual-device");

        // Every directive was acknowledged: connecting again redelivers nothing.
        await page.GetByTestId("vd-connect").ClickAsync();
        await Expect(page.GetByTestId("vd-status")).ToHaveTextAsync("연결 끊김");
        await page.GetByTestId("vd-connect").ClickAsync();
        await Expect(page.GetByTestId("vd-status")).ToHaveTextAsync("연결됨");
        await page.GetByTestId("vd-input").FillAsync("안녕");
        await page.GetByTestId("vd-input").PressAsync("Enter");
        await Expect(page.GetByTestId("chat-assistant")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("chat-directive")).ToHaveCountAsync(2);

        // The light's new state is what the home page shows.
        await page.GotoAsync(Lab.Url($"/console/#/homes/{homeId}"));
        await Expect(page.GetByTestId("state-light.living_room")).ToHaveTextAsync("꺼짐");
    }

    [Fact]
    public async Task A_question_from_the_assistant_focuses_the_input_and_a_virtual_speaker_can_be_added_to_a_home()
    {
        var homeId = await Lab.NewHomeAsync("두레 빌라", Ct);
        var page = await SignedInPageAsync();
        await page.GotoAsync(Lab.Url($"/console/#/homes/{homeId}"));
        await page.GetByTestId("add-virtual-speaker").ClickAsync();
        await Expect(page).ToHaveURLAsync(Lab.Url($"/console/#/device?home={homeId}&device=console-speaker"));
        await Expect(page.GetByTestId("vd-device")).ToHaveValueAsync("console-speaker");
        await page.GetByTestId("vd-connect").ClickAsync();
        await Expect(page.GetByTestId("vd-status")).ToHaveTextAsync("연결됨");

        await page.GetByTestId("vd-input").FillAsync("알람 맞춰줘");
        await page.GetByTestId("vd-input").PressAsync("Enter");
        await Expect(page.GetByTestId("chat-assistant").Last).ToContainTextAsync("몇 시");
        await Expect(page.GetByTestId("vd-listening")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("vd-input")).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("내일 아침 일곱 시");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chat-assistant").Last).ToContainTextAsync("7시");
        await Expect(page.GetByTestId("vd-listening")).ToBeHiddenAsync();

        // The speaker is now a device of the home, with a token.
        await page.GotoAsync(Lab.Url($"/console/#/homes/{homeId}"));
        await Expect(page.GetByTestId("token-row-console-speaker")).ToContainTextAsync("토큰 있음");
    }
}
