using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dure.Testing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Dure.Console.Tests.ConsoleLab))]

namespace Dure.Console.Tests;

/// <summary>
/// One real Dure server (demo data, a fixed console password and partner key) and one headless Debian Chromium for
/// every console test: starting them is most of the cost. Pages get their own browser context, so each has its own
/// session storage; test classes that change a home use one of their own (<see cref="NewHomeAsync"/>), and users get
/// unique emails, so the classes can run side by side.
/// </summary>
public sealed class ConsoleLab : IAsyncLifetime
{
    public const string OwnerEmail = "demo@dure.local";
    public const string OwnerPassword = "console-test-password";
    private const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string PartnerKey { get; } = "dure_pk_console_" + Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        var starting = ServerProcess.StartAsync(new ServerSettings
        {
            Environment = new Dictionary<string, string>
            {
                ["Dure__Demo__ConsolePassword"] = OwnerPassword,
                ["Dure__Demo__PartnerKey"] = PartnerKey,
            },
        });
        _playwright = await Playwright.CreateAsync();
        // Debian's Chromium, never a downloaded build; nothing it starts may reach the internet.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Server = await starting;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    public string Url(string path) => new Uri(Server.BaseUrl, path).ToString();

    /// <summary>A page in a fresh context (its own session storage), Korean first like a Korean partner's browser.</summary>
    public async Task<IPage> NewPageAsync(string locale = "ko-KR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1360, Height = 860 },
            Locale = locale,
            TimezoneId = "Asia/Seoul",
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Opens the console and signs in; returns when the site tree is shown.</summary>
    public async Task<IPage> SignedInPageAsync(string email = OwnerEmail, string password = OwnerPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Url("/console/"));
        await SignInAsync(page, email, password);
        await Assertions.Expect(page.GetByTestId("space-tree")).ToBeVisibleAsync();
        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByTestId("signin-email").FillAsync(email);
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
    }

    /// <summary>The partner API with the demo tenant's admin key, for setting up what a test needs.</summary>
    public async Task<JsonElement> ApiAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PartnerKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a console user of the demo tenant with a role and a unique email; returns the email and password.</summary>
    public async Task<(string Email, string Password)> NewUserAsync(string role, CancellationToken cancellationToken)
    {
        var email = $"{role}-{Guid.NewGuid():N}"[..20] + "@dure.local";
        var password = "pw-" + Guid.NewGuid().ToString("N");
        await ApiAsync(HttpMethod.Post, "/v1/users", new { email, name = role, role, password }, cancellationToken);
        return (email, password);
    }

    /// <summary>A new site with a building and a unit holding a home: a wall pad (the gateway) and a living-room light.</summary>
    public async Task<string> NewHomeAsync(string siteName, CancellationToken cancellationToken)
    {
        var site = await ApiAsync(HttpMethod.Post, "/v1/sites", new { name = siteName, kind = "apartment_complex" }, cancellationToken);
        var siteId = site.GetProperty("id").GetString()!;
        var building = await ApiAsync(HttpMethod.Post, $"/v1/sites/{siteId}/spaces", new { kind = "building", name = "1동" }, cancellationToken);
        var unit = await ApiAsync(HttpMethod.Post, $"/v1/sites/{siteId}/spaces",
            new { kind = "unit", name = "502호", parentId = building.GetProperty("id").GetString() }, cancellationToken);
        var homeId = unit.GetProperty("id").GetString()!;
        using var http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/spaces/{homeId}/home")
        {
            Content = new StringContent(HomeFile, System.Text.Encoding.UTF8, "application/yaml"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PartnerKey);
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        return homeId;
    }

    private const string HomeFile = """
        name: 502호
        language: ko
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
          - id: bedroom
            names: { ko: [침실], en: [Bedroom] }
        devices:
          - id: wallpad
            domain: assist_satellite
            area: living_room
            gateway: true
            names: { ko: [월패드], en: [Wall Pad] }
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명], en: [Living Room Light] }
            state: "off"
          - id: light.bedroom
            area: bedroom
            names: { ko: [침실 조명], en: [Bedroom Light] }
            state: "off"
        """;

    /// <summary>Saves docs/console/{name}.png, only when DURE_SCREENSHOTS=1, so test runs leave the tree clean.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DURE_SCREENSHOTS") != "1")
        {
            return;
        }

        await page.Mouse.MoveAsync(0, 0); // no hover styles in the picture
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DocsFolder(), $"{name}.png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }

    private static string DocsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dure.slnx")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "console")).FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Dure.slnx) is not above the test binaries");
    }
}
