using Dure.Homes;
using Dure.Platform.Grains;
using Dure.Platform.Storage;

namespace Dure.Platform.Tenancy;

/// <summary>A home as the partner API shows it: its layout, its place in the tree, live states and which devices connect.</summary>
public sealed record HomeView(Home Home, SpaceRecord? Space, IReadOnlyDictionary<string, DeviceState> States, IReadOnlySet<string> Endpoints);

/// <summary>The outcome of a change to a home; <c>Error</c> explains an invalid request.</summary>
public sealed record HomeChange(StoreOutcome Outcome, string? Error = null, string? Token = null)
{
    public static HomeChange NotFound { get; } = new(StoreOutcome.NotFound);

    public static HomeChange Invalid(string error) => new(StoreOutcome.Done, error);

    public bool IsInvalid => Error is not null;
}

/// <summary>
/// The partner's view of homes and devices: puts a home into a space, adds and removes devices, issues, rotates and
/// revokes device tokens. Each change is stored first, then the home's grain reloads and a device whose token no longer
/// holds is disconnected at once. Everything is scoped to the calling tenant.
/// </summary>
public sealed class HomeDirectory(IHomeStore homes, ISiteStore sites, IDeviceCredentials credentials, IGrainFactory grains)
{
    // Layout edits of one home run one at a time; homes share a few locks by hash.
    private readonly SemaphoreSlim[] _editLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Spaces in which people talk to devices, and so may hold a home.</summary>
    public static IReadOnlySet<string> HomeKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SpaceKinds.Unit, SpaceKinds.Room, SpaceKinds.Vehicle, SpaceKinds.Zone,
    };

    public async Task<HomeView?> FindAsync(string tenantId, string homeId, CancellationToken cancellationToken = default)
    {
        if (await homes.FindHomeAsync(homeId, cancellationToken).ConfigureAwait(false) is not { } stored || stored.TenantId != tenantId)
        {
            return null;
        }

        var home = HomeFile.Parse(stored.Layout, stored.Id);
        var saved = await homes.LoadStatesAsync(homeId, cancellationToken).ConfigureAwait(false);
        var states = home.Devices.ToDictionary(d => d.Id, d => saved.GetValueOrDefault(d.Id) ?? d.InitialState, StringComparer.Ordinal);
        var endpoints = await credentials.EndpointsAsync(homeId, cancellationToken).ConfigureAwait(false);
        var space = await sites.FindSpaceOfHomeAsync(homeId, cancellationToken).ConfigureAwait(false);
        return new HomeView(home, space, states, endpoints);
    }

    /// <summary>Creates or replaces the home of a space from home-file text; the home takes the space's id.</summary>
    public async Task<HomeChange> PutAsync(string tenantId, string spaceId, string text, CancellationToken cancellationToken = default)
    {
        if (await sites.FindSpaceAsync(tenantId, spaceId, cancellationToken).ConfigureAwait(false) is not { } space)
        {
            return HomeChange.NotFound;
        }

        if (!HomeKinds.Contains(space.Kind))
        {
            return new HomeChange(StoreOutcome.Conflict, $"a {space.Kind} holds spaces, not a home; homes go in a unit, room, vehicle or zone");
        }

        string layout;
        try
        {
            if (HomeProvisioning.ExtractTokens(text).Tokens.Count > 0)
            {
                return HomeChange.Invalid("device tokens are not accepted in a home file here; issue them with POST .../devices/{id}/token");
            }

            layout = HomeFileEditor.WithId(text, spaceId);
        }
        catch (HomeFileException e)
        {
            return HomeChange.Invalid(e.Message);
        }

        await homes.UpsertHomeAsync(new StoredHome(spaceId, tenantId, layout), cancellationToken).ConfigureAwait(false);
        await sites.AttachHomeAsync(tenantId, spaceId, cancellationToken).ConfigureAwait(false);
        await RevokeRemovedAsync(spaceId, HomeFile.Parse(layout, spaceId), cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IHomeGrain>(spaceId).Reload().ConfigureAwait(false);
        return new HomeChange(StoreOutcome.Done);
    }

    /// <summary>Adds a device; with <paramref name="connects"/> it also gets a token (returned once) to connect with.</summary>
    public Task<HomeChange> AddDeviceAsync(string tenantId, string homeId, IReadOnlyDictionary<string, object?> fields, bool connects,
        CancellationToken cancellationToken = default) =>
        EditAsync(tenantId, homeId, layout => HomeFileEditor.AddDevice(layout, homeId, fields), async () =>
        {
            if (!connects)
            {
                return null;
            }

            var token = HomeProvisioning.NewToken();
            await credentials.SetTokenAsync(homeId, (string)fields["id"]!, token, cancellationToken).ConfigureAwait(false);
            return token;
        }, cancellationToken);

    /// <summary>
    /// Puts and removes several devices in one layout write (a bridge's discovery burst); nothing is written, and the
    /// home not reloaded, when the layout already says exactly that. Removed devices lose their tokens.
    /// </summary>
    public Task<HomeChange> EditDevicesAsync(string tenantId, string homeId, IReadOnlyList<DeviceUpsert> upserts, IReadOnlyList<string> removals,
        CancellationToken cancellationToken = default)
    {
        var changed = false;
        return EditAsync(tenantId, homeId, layout =>
        {
            var edited = HomeFileEditor.EditDevices(layout, homeId, upserts, removals, out changed);
            return changed ? edited : null;
        }, async () =>
        {
            foreach (var removed in removals)
            {
                await DropTokenAsync(homeId, removed, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }, cancellationToken);
    }

    public async Task<HomeChange> RemoveDeviceAsync(string tenantId, string homeId, string deviceId, CancellationToken cancellationToken = default)
    {
        var found = true;
        var change = await EditAsync(tenantId, homeId, layout =>
        {
            found = HomeFileEditor.TryRemoveDevice(layout, homeId, deviceId, out var edited);
            return edited;
        }, async () =>
        {
            await DropTokenAsync(homeId, deviceId, cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
        return found ? change : HomeChange.NotFound;
    }

    /// <summary>Issues a new token for a device (rotation: the previous one stops working and its connection closes).</summary>
    public async Task<HomeChange> IssueTokenAsync(string tenantId, string homeId, string deviceId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(tenantId, homeId, cancellationToken).ConfigureAwait(false) is not { } view || view.Home.FindDevice(deviceId) is null)
        {
            return HomeChange.NotFound;
        }

        var token = HomeProvisioning.NewToken();
        await credentials.SetTokenAsync(homeId, deviceId, token, cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IDeviceGrain>(DeviceKey.Of(homeId, deviceId)).Revoke().ConfigureAwait(false);
        await grains.GetGrain<IHomeGrain>(homeId).Reload().ConfigureAwait(false);
        return new HomeChange(StoreOutcome.Done, Token: token);
    }

    /// <summary>Revokes a device's token: it can no longer connect, and its live connection closes.</summary>
    public async Task<HomeChange> RevokeTokenAsync(string tenantId, string homeId, string deviceId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(tenantId, homeId, cancellationToken).ConfigureAwait(false) is not { } view || !view.Endpoints.Contains(deviceId))
        {
            return HomeChange.NotFound;
        }

        await DropTokenAsync(homeId, deviceId, cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IHomeGrain>(homeId).Reload().ConfigureAwait(false);
        return new HomeChange(StoreOutcome.Done);
    }

    /// <summary>Deletes a space without children; a home in it goes too, and its devices are disconnected.</summary>
    public async Task<StoreOutcome> DeleteSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default)
    {
        var space = await sites.FindSpaceAsync(tenantId, spaceId, cancellationToken).ConfigureAwait(false);
        var endpoints = space?.HomeId is { } homeId
            ? await credentials.EndpointsAsync(homeId, cancellationToken).ConfigureAwait(false)
            : new HashSet<string>();
        var outcome = await sites.DeleteSpaceAsync(tenantId, spaceId, cancellationToken).ConfigureAwait(false);
        if (outcome == StoreOutcome.Done && space?.HomeId is { } deleted)
        {
            foreach (var device in endpoints)
            {
                await grains.GetGrain<IDeviceGrain>(DeviceKey.Of(deleted, device)).Revoke().ConfigureAwait(false);
            }

            await grains.GetGrain<IHomeGrain>(deleted).Reload().ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>
    /// Reads, edits and writes a layout under the home's lock, so that a bridge's edit and a partner's never lose one
    /// another; <paramref name="edit"/> returns null when there is nothing to change.
    /// </summary>
    private async Task<HomeChange> EditAsync(string tenantId, string homeId, Func<string, string?> edit, Func<Task<string?>> after,
        CancellationToken cancellationToken)
    {
        var gate = _editLocks[(uint)StringComparer.Ordinal.GetHashCode(homeId) % (uint)_editLocks.Length];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await homes.FindHomeAsync(homeId, cancellationToken).ConfigureAwait(false) is not { } stored || stored.TenantId != tenantId)
            {
                return HomeChange.NotFound;
            }

            string? layout;
            try
            {
                layout = edit(stored.Layout);
            }
            catch (HomeFileException e)
            {
                return HomeChange.Invalid(e.Message);
            }

            if (layout is null)
            {
                return new HomeChange(StoreOutcome.Done);
            }

            await homes.UpsertHomeAsync(stored with { Layout = layout }, cancellationToken).ConfigureAwait(false);
            var token = await after().ConfigureAwait(false);
            await grains.GetGrain<IHomeGrain>(homeId).Reload().ConfigureAwait(false);
            return new HomeChange(StoreOutcome.Done, Token: token);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Devices dropped from a replaced layout lose their tokens.</summary>
    private async Task RevokeRemovedAsync(string homeId, Home home, CancellationToken cancellationToken)
    {
        foreach (var device in await credentials.EndpointsAsync(homeId, cancellationToken).ConfigureAwait(false))
        {
            if (home.FindDevice(device) is null)
            {
                await DropTokenAsync(homeId, device, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DropTokenAsync(string homeId, string deviceId, CancellationToken cancellationToken)
    {
        await credentials.RevokeAsync(homeId, deviceId, cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IDeviceGrain>(DeviceKey.Of(homeId, deviceId)).Revoke().ConfigureAwait(false);
    }
}
