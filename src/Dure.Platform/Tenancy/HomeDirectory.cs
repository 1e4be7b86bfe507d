using System.Collections.Concurrent;
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

/// <summary>One device of a bulk import: <c>Row</c> numbers it in the partner's file for the report.</summary>
public sealed record NewDevice(int Row, string HomeId, IReadOnlyDictionary<string, object?> Fields, bool Connects)
{
    public string DeviceId => (string)Fields["id"]!;
}

/// <summary>A device the import created; <c>Token</c> is set when it connects itself, and shown only in the import's answer.</summary>
public sealed record AddedDevice(int Row, string HomeId, string DeviceId, string? Token);

/// <summary>A row that was not imported, and why.</summary>
public sealed record RejectedDevice(int Row, string Reason);

public sealed record BulkAddResult(IReadOnlyList<AddedDevice> Added, IReadOnlyList<RejectedDevice> Rejected);

/// <summary>
/// The partner's view of homes and devices: puts a home into a space, adds and removes devices, issues, rotates and
/// revokes device tokens. Each change is stored first, then the home's grain reloads and a device whose token no longer
/// holds is disconnected at once. Everything is scoped to the calling tenant.
/// </summary>
public sealed class HomeDirectory(IHomeStore homes, ISiteStore sites, IDeviceCredentials credentials, IGrainFactory grains)
{
    // Layout edits of one home run one at a time; homes share a few locks by hash.
    private readonly SemaphoreSlim[] _editLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    // Homes per write transaction in a bulk import: big enough to amortize the commit, small enough not to hold the
    // single writer for long.
    private const int HomesPerWrite = 500;

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

    /// <summary>
    /// Adds many devices to many homes of the tenant (a bulk import). Rows are grouped by home and each home's file is
    /// edited once; every layout and every token is then written in a few transactions. Each row is all or nothing: it is
    /// either created with its token, or rejected with the reason — a home that does not exist in the tenant, an id that
    /// is taken (in the home or by an earlier row), an area the home lacks, an edit the home file refuses.
    /// </summary>
    public async Task<BulkAddResult> AddDevicesAsync(string tenantId, IReadOnlyList<NewDevice> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var planned = new ConcurrentBag<(LayoutChange Change, List<AddedDevice> Added)>();
        var rejected = new ConcurrentBag<RejectedDevice>();
        var byHome = devices.GroupBy(d => d.HomeId, StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(byHome, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (group, token) =>
            {
                var rows = group.ToList();
                if (await homes.FindHomeAsync(group.Key, token).ConfigureAwait(false) is not { } stored || stored.TenantId != tenantId)
                {
                    rows.ForEach(r => rejected.Add(new RejectedDevice(r.Row, $"home '{group.Key}' does not exist")));
                    return;
                }

                if (Plan(stored, rows, rejected) is { } plan)
                {
                    planned.Add(plan);
                }
            }).ConfigureAwait(false);

        List<AddedDevice> added = [];
        foreach (var chunk in planned.Chunk(HomesPerWrite))
        {
            var skipped = await homes.ApplyLayoutChangesAsync([.. chunk.Select(p => p.Change)], cancellationToken).ConfigureAwait(false);
            foreach (var (change, devicesOfHome) in chunk)
            {
                if (skipped.Contains(change.HomeId))
                {
                    devicesOfHome.ForEach(d => rejected.Add(new RejectedDevice(d.Row, $"home '{d.HomeId}' changed during the import; import this row again")));
                }
                else
                {
                    added.AddRange(devicesOfHome);
                }
            }
        }

        // The homes' grains pick up their new devices, a few at a time as each reload reads the home back. What is
        // stored is stored, so this runs to the end even when the caller has gone.
        var reloaded = planned.Select(p => p.Change.HomeId).Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(reloaded, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (homeId, _) => await grains.GetGrain<IHomeGrain>(homeId).Reload().ConfigureAwait(false)).ConfigureAwait(false);
        return new BulkAddResult([.. added.OrderBy(a => a.Row)], [.. rejected.OrderBy(r => r.Row)]);
    }

    /// <summary>One home's part of an import: which rows it accepts, and its file with all of them added.</summary>
    private static (LayoutChange Change, List<AddedDevice> Added)? Plan(StoredHome stored, List<NewDevice> rows,
        ConcurrentBag<RejectedDevice> rejected)
    {
        HomeFileEdit edit;
        try
        {
            edit = HomeFileEditor.Open(stored.Layout, stored.Id);
        }
        catch (HomeFileException e)
        {
            rows.ForEach(r => rejected.Add(new RejectedDevice(r.Row, $"home '{stored.Id}' cannot be edited: {e.Message}")));
            return null;
        }

        Dictionary<string, int> claimed = new(StringComparer.Ordinal);
        List<NewDevice> accepted = [];
        foreach (var row in rows.OrderBy(r => r.Row))
        {
            if (claimed.TryGetValue(row.DeviceId, out var earlier))
            {
                rejected.Add(new RejectedDevice(row.Row, $"row {earlier} already adds device '{row.DeviceId}' to home '{stored.Id}'"));
            }
            else if (edit.DeviceIds.Contains(row.DeviceId))
            {
                rejected.Add(new RejectedDevice(row.Row, $"home '{stored.Id}' already has a device '{row.DeviceId}'"));
            }
            else if (row.Fields.GetValueOrDefault("area") is string area && !edit.AreaIds.Contains(area))
            {
                rejected.Add(new RejectedDevice(row.Row, $"home '{stored.Id}' has no area '{area}'"));
            }
            else
            {
                claimed[row.DeviceId] = row.Row;
                edit.AddDevice(row.Fields);
                accepted.Add(row);
            }
        }

        if (accepted.Count == 0)
        {
            return null;
        }

        string layout;
        try
        {
            layout = edit.ToText();
        }
        catch (HomeFileException)
        {
            // One of the rows breaks the file in a way the checks above do not see: find it by adding the rows one by one.
            layout = stored.Layout;
            List<NewDevice> fitting = [];
            foreach (var row in accepted)
            {
                try
                {
                    layout = HomeFileEditor.AddDevice(layout, stored.Id, row.Fields);
                    fitting.Add(row);
                }
                catch (HomeFileException e)
                {
                    rejected.Add(new RejectedDevice(row.Row, e.Message));
                }
            }

            accepted = fitting;
            if (accepted.Count == 0)
            {
                return null;
            }
        }

        var added = accepted.Select(r => new AddedDevice(r.Row, stored.Id, r.DeviceId, r.Connects ? HomeProvisioning.NewToken() : null)).ToList();
        var tokens = added.Where(a => a.Token is not null).Select(a => new NewDeviceToken(a.DeviceId, a.Token!)).ToList();
        return (new LayoutChange(stored.Id, stored.TenantId, stored.Layout, layout, tokens), added);
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
