using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dure.Testing;

/// <summary>
/// A real Mosquitto broker (Debian <c>mosquitto</c>, installed by scripts/install-test-deps.sh) as a child process on two
/// free loopback ports: a plain listener and a TLS one with a certificate from a CA made here. Both require the
/// username and password in <see cref="Username"/>/<see cref="Password"/>. Retained messages and persistent sessions
/// are kept on disk, so they survive <see cref="RestartAsync"/> as on a real broker.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";
    private readonly string _directory;
    private Process? _process;

    private MosquittoProcess(string directory, int port, int tlsPort, string caPem)
    {
        _directory = directory;
        Port = port;
        TlsPort = tlsPort;
        CaCertificatePem = caPem;
    }

    public int Port { get; }

    public int TlsPort { get; }

    public string Username => "dure";

    public string Password => "broker-secret-1";

    /// <summary>The CA that signed the TLS listener's certificate (for 127.0.0.1), as PEM.</summary>
    public string CaCertificatePem { get; }

    public string Log => File.Exists(Path.Combine(_directory, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_directory, "mosquitto.log")) : "";

    public static async Task<MosquittoProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException("mosquitto is not installed: run scripts/install-test-deps.sh", Executable);
        }

        var directory = Directory.CreateTempSubdirectory("dure-mosquitto-").FullName;
        var (caPem, certificatePem, keyPem) = Certificates();
        await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), caPem, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "server.pem"), certificatePem, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "server.key"), keyPem, cancellationToken);
        var port = ServerProcess.FreePort();
        var tlsPort = ServerProcess.FreePort();
        while (tlsPort == port)
        {
            tlsPort = ServerProcess.FreePort();
        }

        var broker = new MosquittoProcess(directory, port, tlsPort, caPem);
        await broker.WritePasswordFileAsync(cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "mosquitto.conf"), $"""
            user {Environment.UserName}
            allow_anonymous false
            password_file {directory}/passwords
            persistence true
            persistence_location {directory}/
            autosave_interval 1
            log_dest file {directory}/mosquitto.log
            log_type error
            log_type warning
            log_type notice
            listener {broker.Port} 127.0.0.1
            listener {broker.TlsPort} 127.0.0.1
            cafile {directory}/ca.pem
            certfile {directory}/server.pem
            keyfile {directory}/server.key

            """, cancellationToken);
        await broker.StartProcessAsync(cancellationToken);
        return broker;
    }

    /// <summary>Stops the broker gracefully (SIGTERM: it saves its retained messages and sessions) and starts it again on the same ports.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartProcessAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        _ = Kill(process.Id, 15);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async Task StartProcessAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(_directory, "mosquitto.conf"));
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, TlsPort, cancellationToken);
                using var plain = new TcpClient();
                await plain.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"mosquitto did not listen within 15 s:\n{Log}");
    }

    private async Task WritePasswordFileAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/mosquitto_passwd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-b", "-c", Path.Combine(_directory, "passwords"), Username, Password })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }

    /// <summary>A CA and a server certificate for 127.0.0.1 and localhost signed by it, valid for a month.</summary>
    private static (string Ca, string Certificate, string Key) Certificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Dure Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(12));
        return (ca.ExportCertificatePem(), certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; it is a temp directory.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
