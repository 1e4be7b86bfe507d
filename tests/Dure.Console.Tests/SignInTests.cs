using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dure.Console.Tests;

/// <summary>Signing in and out, the language toggle, and the site and space tree with an owner's create buttons.</summary>
public sealed class SignInTests(ConsoleLab lab) : ConsoleTest(lab)
{
    [Fact]
    public async Task A_wrong_password_is_an_error_and_the_right_one_opens_the_tree_with_the_demo_site_and_home()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Lab.Url("/"));
        await Expect(page).ToHaveURLAsync(Lab.Url("/console/#/signin"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "로그인" })).ToBeVisibleAsync();
        await ConsoleLab.ScreenshotAsync(page, "sign-in");

        await ConsoleLab.SignInAsync(page, ConsoleLab.OwnerEmail, "not-the-password");
        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("이메일 또는 비밀번호가 맞지 않아요.");
        Assert.Equal(Lab.Url("/console/#/signin"), page.Url);

        await ConsoleLab.SignInAsync(page, ConsoleLab.OwnerEmail, ConsoleLab.OwnerPassword);
        await Expect(page.GetByTestId("site-demo-homes")).ToContainTextAsync("Homes");
        await Expect(page.GetByTestId("space-demo-home")).ToContainTextAsync("두레 아파트 101동 1203호");
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("소유자");
        await Expect(page.GetByTestId("tenant")).ToContainTextAsync("demo");

        await page.GetByTestId("open-home-demo-home").ClickAsync();
        await Expect(page).ToHaveURLAsync(Lab.Url("/console/#/homes/demo-home"));
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("두레 아파트 101동 1203호");
    }

    [Fact]
    public async Task English_is_one_click_away_and_signing_out_ends_the_session()
    {
        var page = await SignedInPageAsync();
        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.GetByTestId("nav-sites")).ToHaveTextAsync("Sites and spaces");
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Owner");
        await Expect(page.GetByTestId("space-demo-home")).ToContainTextAsync("Unit");
        var token = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('dure.session')).token");

        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        using var http = new HttpClient { BaseAddress = Lab.Server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/sites", TestContext.Current.CancellationToken)).StatusCode);
        await page.GotoAsync(Lab.Url("/console/#/sites"));
        await Expect(page.GetByTestId("signin-submit")).ToBeVisibleAsync();
        await page.GetByTestId("lang-ko").ClickAsync();
        await Expect(page.GetByTestId("signin-submit")).ToHaveTextAsync("로그인");
    }

    [Fact]
    public async Task An_owner_creates_a_site_with_a_building_and_a_unit_and_sees_them_nested()
    {
        var page = await SignedInPageAsync();
        await page.GetByTestId("new-site").ClickAsync();
        await page.GetByTestId("site-name").FillAsync("한강 아파트");
        await page.GetByTestId("site-kind").SelectOptionAsync("apartment_complex");
        await page.GetByTestId("site-create").ClickAsync();
        await Expect(page.GetByTestId("space-tree")).ToContainTextAsync("한강 아파트");
        await Expect(page.GetByTestId("space-tree")).ToContainTextAsync("아직 공간이 없어요.");

        await page.GetByTestId("new-space").ClickAsync();
        await page.GetByTestId("space-name").FillAsync("101동");
        await page.GetByTestId("space-kind").SelectOptionAsync("building");
        await page.GetByTestId("space-create").ClickAsync();
        var building = page.Locator(".tree-node", new() { HasText = "101동" });
        await Expect(building).ToBeVisibleAsync();

        await page.GetByTestId("new-space").ClickAsync();
        await page.GetByTestId("space-name").FillAsync("1203호");
        await page.GetByTestId("space-kind").SelectOptionAsync("unit");
        await page.GetByTestId("space-parent").SelectOptionAsync(new SelectOptionValue { Label = "101동 (동)" });
        await page.GetByTestId("space-create").ClickAsync();

        // The unit sits in the building's branch of the tree.
        var nested = page.Locator(".tree > li", new() { Has = building }).Locator("ul .tree-node", new() { HasText = "1203호" });
        await Expect(nested).ToBeVisibleAsync();
        await Expect(page.GetByTestId("space-tree")).ToContainTextAsync("공간 2개 · 세대 0개");
        await ConsoleLab.ScreenshotAsync(page, "sites");
    }
}
