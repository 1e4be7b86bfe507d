using static Microsoft.Playwright.Assertions;

namespace Dure.Console.Tests;

/// <summary>What each role sees: write buttons only where its scopes allow them, and views of APIs the server lacks.</summary>
public sealed class RoleTests(ConsoleLab lab) : ConsoleTest(lab)
{
    [Fact]
    public async Task A_viewer_sees_the_tree_and_the_live_home_but_no_write_buttons()
    {
        var (email, password) = await Lab.NewUserAsync("viewer", Ct);
        var page = await SignedInPageAsync(email, password);
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("조회자");
        await Expect(page.GetByTestId("space-demo-home")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-site")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("new-space")).ToHaveCountAsync(0);

        await page.GetByTestId("open-home-demo-home").ClickAsync();
        await Expect(page.GetByTestId("state-lock.front_door")).ToHaveTextAsync("잠김");
        await Expect(page.GetByTestId("tokens")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("add-virtual-speaker")).ToHaveCountAsync(0);

        await page.GotoAsync(Lab.Url("/console/#/device?home=demo-home&device=wallpad"));
        await Expect(page.GetByTestId("vd-status")).ToHaveTextAsync("연결 안 됨");
        await Expect(page.GetByTestId("vd-issue")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("vd-paste")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_operator_manages_tokens_but_creates_no_sites()
    {
        var (email, password) = await Lab.NewUserAsync("operator", Ct);
        var page = await SignedInPageAsync(email, password);
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("운영자");
        await Expect(page.GetByTestId("new-site")).ToHaveCountAsync(0);
        await page.GotoAsync(Lab.Url("/console/#/homes/demo-home"));
        await Expect(page.GetByTestId("tokens")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("issue-wallpad")).ToHaveTextAsync("교체");
        await Expect(page.GetByTestId("add-virtual-speaker")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Views_of_apis_this_server_lacks_say_so_instead_of_breaking()
    {
        var page = await SignedInPageAsync();
        // An older server: its OpenAPI document lists none of the conversation, analytics, skills or device-code operations.
        await page.RouteAsync("**/openapi/v1.json", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """{"openapi":"3.1.1","paths":{"/v1/sites":{"get":{}}}}""",
        }));
        await page.ReloadAsync();
        foreach (var view in new[] { "conversations", "analytics", "skills", "activate?code=ABCD-EFGH" })
        {
            await page.GotoAsync(Lab.Url($"/console/#/{view}"));
            await Expect(page.GetByTestId("unavailable")).ToContainTextAsync("이 서버에서는 쓸 수 없어요");
        }

        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.GetByTestId("unavailable")).ToContainTextAsync("Not available on this server");
        await page.GotoAsync(Lab.Url("/console/#/sites"));
        await Expect(page.GetByTestId("space-demo-home")).ToBeVisibleAsync();
    }
}
