using Dure.Homes;
using Dure.Platform.Demo;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using YamlDotNet.RepresentationModel;

namespace Dure.Platform;

/// <summary>
/// Puts homes into the store: home files (with optional per-device <c>token:</c> fields that become hashed
/// credentials and never reach the stored layout) and the demo home seeded on first run.
/// </summary>
public sealed class HomeProvisioning(IHomeStore homes, IDeviceCredentials credentials, IPartnerKeys partnerKeys, ISiteStore sites,
    IUserAccounts users)
{
    public const string DemoTenant = "demo";
    public const string DemoHomeId = "demo-home";
    public const string DemoSpeakerId = "wallpad";
    public const string DemoConsoleEmail = "demo@dure.local";

    /// <summary>
    /// Imports (upserts) a home file into the tenant named by its <c>tenant:</c> key, else <paramref name="tenantId"/>;
    /// returns the home and the devices given a token.
    /// </summary>
    public async Task<(Home Home, IReadOnlyList<string> ProvisionedDevices)> ImportAsync(string tenantId, string text, string fallbackId,
        CancellationToken cancellationToken = default)
    {
        var (layout, tokens, tenant) = ExtractTokens(text);
        tenantId = tenant ?? tenantId;
        var home = HomeFile.Parse(layout, fallbackId); // validates before anything is stored
        await homes.UpsertTenantAsync(tenantId, tenantId, cancellationToken).ConfigureAwait(false);
        await homes.UpsertHomeAsync(new StoredHome(home.Id, tenantId, layout), cancellationToken).ConfigureAwait(false);
        await sites.EnsurePlacedAsync(tenantId, home.Id, home.Name, cancellationToken).ConfigureAwait(false);
        foreach (var (deviceId, token) in tokens)
        {
            await credentials.SetTokenAsync(home.Id, deviceId, token, cancellationToken).ConfigureAwait(false);
        }

        return (home, [.. tokens.Keys]);
    }

    public async Task<(Home Home, IReadOnlyList<string> ProvisionedDevices)> ImportFileAsync(string tenantId, string path,
        CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return await ImportAsync(tenantId, text, Path.GetFileNameWithoutExtension(path).TrimStart('_'), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Seeds the demo tenant and home when absent and sets the wall pad's token: <paramref name="fixedToken"/> when given,
    /// else a fresh random one. Returns the token in effect.
    /// </summary>
    public async Task<string> SeedDemoAsync(string? fixedToken, CancellationToken cancellationToken = default)
    {
        if (await homes.FindHomeAsync(DemoHomeId, cancellationToken).ConfigureAwait(false) is null)
        {
            await ImportAsync(DemoTenant, DemoHome.Yaml, DemoHomeId, cancellationToken).ConfigureAwait(false);
        }

        var token = string.IsNullOrWhiteSpace(fixedToken) ? NewToken() : fixedToken;
        await credentials.SetTokenAsync(DemoHomeId, DemoSpeakerId, token, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>
    /// Sets the demo tenant's partner API key: <paramref name="fixedKey"/> when given, else a fresh random one (the previous
    /// one stops working). Returns the key in effect.
    /// </summary>
    public async Task<string> SeedDemoPartnerKeyAsync(string? fixedKey, CancellationToken cancellationToken = default)
    {
        var key = string.IsNullOrWhiteSpace(fixedKey) ? Secrets.New(SqlitePartnerKeys.KeyPrefix) : fixedKey;
        await partnerKeys.SetKeyAsync(DemoTenant, "demo", key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>
    /// Makes sure the demo tenant has its console owner <see cref="DemoConsoleEmail"/> and sets the password:
    /// <paramref name="fixedPassword"/> when given, else a fresh random one (which ends the sessions of the previous one).
    /// Returns the password in effect.
    /// </summary>
    public async Task<string> SeedDemoConsoleUserAsync(string? fixedPassword, CancellationToken cancellationToken = default)
    {
        var password = string.IsNullOrWhiteSpace(fixedPassword) ? Secrets.New("") : fixedPassword;
        var (outcome, _) = await users.CreateAsync(DemoTenant, DemoConsoleEmail, "Demo", Roles.Owner, password, cancellationToken)
            .ConfigureAwait(false);
        if (outcome == StoreOutcome.Done)
        {
            return password;
        }

        string? after = null;
        do
        {
            var page = await users.ListAsync(DemoTenant, after, 100, cancellationToken).ConfigureAwait(false);
            if (page.Items.FirstOrDefault(u => u.Email == DemoConsoleEmail) is { } existing)
            {
                await users.UpdateAsync(DemoTenant, existing.Id, Roles.Owner, password, cancellationToken).ConfigureAwait(false);
                return password;
            }

            after = page.NextCursor;
        }
        while (after is not null);

        throw new InvalidOperationException($"the console user {DemoConsoleEmail} belongs to another tenant than '{DemoTenant}'");
    }

    /// <summary>Creates the tenant when needed and sets its configured partner API key.</summary>
    public async Task SetPartnerKeyAsync(string tenantId, string key, CancellationToken cancellationToken = default)
    {
        if (await homes.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            await homes.UpsertTenantAsync(tenantId, tenantId, cancellationToken).ConfigureAwait(false);
        }

        await partnerKeys.SetKeyAsync(tenantId, "config", key, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static string NewToken() => Secrets.New("dure_");

    /// <summary>Removes every device's <c>token:</c> from the file text and returns them by device id, with the file's tenant.</summary>
    internal static (string Layout, Dictionary<string, string> Tokens, string? Tenant) ExtractTokens(string text)
    {
        Dictionary<string, string> tokens = new(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return (text, tokens, null); // let the home-file loader report the syntax error
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (text, tokens, null);
        }

        var tenant = root.Children.TryGetValue(new YamlScalarNode("tenant"), out var tenantNode) &&
            tenantNode is YamlScalarNode { Value: { Length: > 0 } named } ? named : null;
        if (!root.Children.TryGetValue(new YamlScalarNode("devices"), out var devices) || devices is not YamlSequenceNode list)
        {
            return (text, tokens, tenant);
        }

        var tokenKey = new YamlScalarNode("token");
        foreach (var device in list.Children.OfType<YamlMappingNode>())
        {
            if (device.Children.TryGetValue(tokenKey, out var value) && value is YamlScalarNode { Value: { Length: > 0 } token } &&
                device.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { Length: > 0 } deviceId })
            {
                tokens[deviceId] = token;
            }

            device.Children.Remove(tokenKey);
        }

        if (tokens.Count == 0)
        {
            return (text, tokens, tenant);
        }

        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return (writer.ToString(), tokens, tenant);
    }
}
