using System.Diagnostics;
using System.Text.RegularExpressions;
using Dure.Sdk;
using Dure.Testing;

namespace Dure.Server.Tests.Partners;

/// <summary>The device side of RFC 8628 as device makers use it: the SDK's <see cref="DureDeviceAuthorization"/> and <c>dure device login</c>.</summary>
[Collection(DeviceFlowCollection.Name)]
public sealed partial class DeviceLoginTests(DeviceFlowLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_SDK_signs_a_device_in_and_slows_down_when_told()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        using var authorization = new DureDeviceAuthorization(new DureDeviceAuthorizationOptions { Server = lab.Server.BaseUrl, ClientId = clientId });
        var code = await authorization.RequestCodeAsync(Ct);
        Assert.Equal(TimeSpan.FromSeconds(1), code.Interval);
        Assert.Matches("^[A-Z]{4}-[A-Z]{4}$", code.UserCode);
        Assert.EndsWith("/console/#/activate", code.VerificationUri.ToString(), StringComparison.Ordinal);

        // Pretend the server had said "poll at once": the first poll is too soon, the server says slow_down (interval 6 s),
        // and the SDK must wait that long before polling again or it would never stop hearing slow_down.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(40));
        var clock = Stopwatch.StartNew();
        var polling = authorization.PollForTokenAsync(code with { Interval = TimeSpan.Zero }, limit.Token);
        using (var admin = lab.AcmeAdmin())
        {
            await admin.PostAsync($"/v1/device-codes/{code.UserCode}/approve", DeviceFlowTests.Approval(site.HomeId, "speaker.sdk"), Ct);
        }

        var grant = await polling;
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5.7), TimeSpan.FromSeconds(30));
        Assert.Equal((site.HomeId, "speaker.sdk"), (grant.HomeId, grant.DeviceId));
        await using var client = new DureDeviceClient(new DureDeviceClientOptions { Server = lab.Server.BaseUrl, Token = grant.AccessToken, Reconnect = false });
        await client.ConnectAsync(Ct);
        Assert.False(string.IsNullOrWhiteSpace((await client.RecognizeTextAsync("안녕", "ko", Ct)).Text));
    }

    [Fact]
    public async Task The_SDK_reports_a_denial_and_an_unknown_client()
    {
        var clientId = await lab.NewClientAsync(Ct);
        using var authorization = new DureDeviceAuthorization(new DureDeviceAuthorizationOptions { Server = lab.Server.BaseUrl, ClientId = clientId });

        var denied = await Assert.ThrowsAsync<DureDeviceAuthorizationException>(() => authorization.AuthorizeAsync(async (code, token) =>
        {
            using var admin = lab.AcmeAdmin();
            await admin.OkAsync(HttpMethod.Post, $"/v1/device-codes/{code.UserCode}/deny", null, token);
        }, Ct));
        Assert.Equal("access_denied", denied.Error);

        using var unknown = new DureDeviceAuthorization(new DureDeviceAuthorizationOptions { Server = lab.Server.BaseUrl, ClientId = "no-such-product" });
        Assert.Equal("invalid_client", (await Assert.ThrowsAsync<DureDeviceAuthorizationException>(() => unknown.RequestCodeAsync(Ct))).Error);
    }

    [Fact]
    public async Task Device_login_shows_the_code_then_prints_and_saves_the_token()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        var folder = Directory.CreateTempSubdirectory("dure-login-").FullName;
        try
        {
            var saved = Path.Combine(folder, "device-token");
            using var process = StartCli("device", "login", "--server", lab.Server.BaseUrl.ToString(), "--client-id", clientId, "--save", saved);
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var (userCode, shown) = await ReadUserCodeAsync(process);
            Assert.Contains($"{lab.Server.BaseUrl.ToString().TrimEnd('/')}/console/#/activate", shown, StringComparison.Ordinal);

            using (var admin = lab.AcmeAdmin())
            {
                await admin.PostAsync($"/v1/device-codes/{userCode}/approve", DeviceFlowTests.Approval(site.HomeId, "speaker.cli"), Ct);
            }

            var rest = process.StandardError.ReadToEndAsync(Ct);
            await WaitForExitAsync(process);
            Assert.True(process.ExitCode == 0, shown + await rest);
            var token = (await output).Trim();
            Assert.StartsWith("dure_", token, StringComparison.Ordinal);
            Assert.Contains("speaker.cli", await rest, StringComparison.Ordinal);
            Assert.Equal(token, (await File.ReadAllTextAsync(saved, Ct)).Trim());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(saved));
            }

            await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token, Ct);
            await speaker.AssertStillAnswersAsync(Ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Device_login_fails_plainly_when_denied_or_the_client_is_unknown()
    {
        var clientId = await lab.NewClientAsync(Ct);
        using (var process = StartCli("device", "login", "--server", lab.Server.BaseUrl.ToString(), "--client-id", clientId))
        {
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var (userCode, _) = await ReadUserCodeAsync(process);
            using (var admin = lab.AcmeAdmin())
            {
                await admin.OkAsync(HttpMethod.Post, $"/v1/device-codes/{userCode}/deny", null, Ct);
            }

            var rest = process.StandardError.ReadToEndAsync(Ct);
            await WaitForExitAsync(process);
            Assert.Equal(1, process.ExitCode);
            Assert.Contains("not approved", await rest, StringComparison.Ordinal);
            Assert.Equal("", (await output).Trim());
        }

        using (var process = StartCli("device", "login", "--server", lab.Server.BaseUrl.ToString(), "--client-id", "no-such-product"))
        {
            var error = process.StandardError.ReadToEndAsync(Ct);
            await WaitForExitAsync(process);
            Assert.Equal(1, process.ExitCode);
            Assert.Contains("does not know this client id", await error, StringComparison.Ordinal);
        }
    }

    /// <summary>Reads the CLI's instructions up to the line with the user code.</summary>
    private static async Task<(string UserCode, string Shown)> ReadUserCodeAsync(Process process)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var shown = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync(limit.Token) is { } line)
        {
            shown.AppendLine(line);
            if (UserCodeLine().Match(line) is { Success: true } match)
            {
                return (match.Groups[1].Value, shown.ToString());
            }
        }

        throw new InvalidOperationException($"the CLI showed no user code:\n{shown}");
    }

    private static async Task WaitForExitAsync(Process process)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
    }

    private static Process StartCli(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServerProcess.CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [GeneratedRegex("enter the code: ([A-Z]{4}-[A-Z]{4})")]
    private static partial Regex UserCodeLine();
}
