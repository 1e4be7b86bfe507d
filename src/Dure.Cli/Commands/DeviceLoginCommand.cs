using System.CommandLine;
using Dure.Sdk;

namespace Dure.Cli.Commands;

/// <summary>
/// <c>dure device login --client-id ID</c>: signs this device in with the device authorization grant (RFC 8628). Shows the
/// user code and where to enter it, polls until a partner approves it, then prints the device token on stdout (the
/// instructions go to stderr, so <c>TOKEN=$(dure device login ...)</c> works) and with <c>--save FILE</c> writes it there.
/// </summary>
internal static class DeviceLoginCommand
{
    public static Command Create()
    {
        var server = DeviceConnection.ServerOption();
        var clientId = new Option<string>("--client-id") { Description = "the partner's device client id (its device product)", Required = true };
        var save = new Option<FileInfo?>("--save") { Description = "also write the token to this file (readable by its owner only)" };
        var command = new Command("login", "Sign this device in: show a code to approve, then print the device token") { server, clientId, save };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            using var authorization = new DureDeviceAuthorization(new DureDeviceAuthorizationOptions
            {
                Server = new Uri(result.GetValue(server)!),
                ClientId = result.GetValue(clientId)!,
            });
            try
            {
                var grant = await authorization.AuthorizeAsync(async (code, token) =>
                {
                    await Console.Error.WriteLineAsync($"To connect this device, go to {code.VerificationUri}");
                    await Console.Error.WriteLineAsync($"and enter the code: {code.UserCode}");
                    if (code.VerificationUriComplete is { } complete)
                    {
                        await Console.Error.WriteLineAsync($"(or open {complete})");
                    }

                    await Console.Error.WriteLineAsync($"Waiting for approval; the code expires at {code.ExpiresAt.ToLocalTime():HH:mm:ss}.");
                    await Console.Error.FlushAsync(token);
                }, cancellationToken);

                if (result.GetValue(save) is { } file)
                {
                    await WriteSecretAsync(file, grant.AccessToken, cancellationToken);
                }

                await Console.Error.WriteLineAsync($"Approved: device '{grant.DeviceId}' of home '{grant.HomeId}'." +
                    (result.GetValue(save) is { } saved ? $" Token saved to {saved.FullName}." : ""));
                Console.WriteLine(grant.AccessToken);
                return 0;
            }
            catch (DureDeviceAuthorizationException e)
            {
                await Console.Error.WriteLineAsync($"dure device login: {Explain(e)}");
                return 1;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"dure device login: cannot reach the server: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Explain(DureDeviceAuthorizationException e) => e.Error switch
    {
        "access_denied" => "the device was not approved",
        "expired_token" => "the code expired before anyone approved it; run the command again",
        "invalid_client" => "the server does not know this client id",
        _ => e.Message,
    };

    /// <summary>Writes the token so that only the file's owner can read it.</summary>
    private static async Task WriteSecretAsync(FileInfo file, string token, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(file.FullName, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(token.AsMemory(), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an existing file keeps its mode otherwise
        }
    }
}
