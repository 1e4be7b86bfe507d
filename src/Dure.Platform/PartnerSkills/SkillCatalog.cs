using System.Text.Json;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Microsoft.Extensions.Options;

namespace Dure.Platform.PartnerSkills;

/// <summary>
/// Where an MCP skill's server is and the token it wants (null: keep the stored one; empty: none). A create gives the URL;
/// a change gives what changes.
/// </summary>
public sealed record McpBackendChange(string? Url, string? Token);

/// <summary>
/// Creating, changing and re-keying skills: the store, a fresh encrypted secret, and training of the model. A skill on an
/// MCP server has its tools listed first; its interaction model is made of them and the partner's samples.
/// </summary>
public sealed class SkillCatalog(ISkillStore store, SkillSecrets secrets, SkillModelTrainer trainer, SkillMcpClient mcp,
    IOptions<CustomSkillOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Creates a skill served by an MCP server: lists its tools, makes the interaction model of them and of the samples
    /// in <paramref name="definition"/> (optional), and queues its training. A server that cannot be reached, or tools
    /// that make no model, are a problem for the partner and nothing is stored.
    /// </summary>
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill, string? Problem)> CreateMcpAsync(string tenantId, string id, SkillDefinition definition,
        McpBackendChange backend, CancellationToken cancellationToken)
    {
        var token = string.IsNullOrEmpty(backend.Token) ? null : backend.Token;
        var (model, record, problem) = await ListAsync(new Uri(backend.Url!), token, definition.InteractionModel, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (StoreOutcome.Done, null, problem);
        }

        // An MCP skill signs nothing: its secret column stays empty, and the token is kept with the backend.
        var mcpDefinition = definition with
        {
            InteractionModel = model,
            WebhookUrl = backend.Url,
            Mcp = record! with { ProtectedToken = token is null ? null : secrets.ProtectToken(token) },
        };
        var (outcome, skill) = await store.CreateAsync(tenantId, id, mcpDefinition, "", cancellationToken).ConfigureAwait(false);
        if (outcome == StoreOutcome.Done)
        {
            trainer.Enqueue(id);
        }

        return (outcome, skill, null);
    }

    /// <summary>
    /// Changes an MCP skill, and lists its server's tools again (a refresh when <paramref name="change"/> changes nothing
    /// else): a new URL or token, new samples, or new tools make a new interaction model, trained again only when it differs.
    /// </summary>
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill, string? Problem)> UpdateMcpAsync(SkillRecord current, SkillDefinition change,
        McpBackendChange? backend, CancellationToken cancellationToken)
    {
        var stored = current.Mcp!;
        var url = backend?.Url ?? current.WebhookUrl;
        var protectedToken = backend?.Token switch
        {
            null => stored.ProtectedToken,
            "" => null,
            var replaced => secrets.ProtectToken(replaced),
        };
        var token = protectedToken is null ? null : backend?.Token is { Length: > 0 } given ? given : secrets.UnprotectToken(protectedToken);
        var samples = change.InteractionModel ?? stored.Samples;
        var (model, record, problem) = await ListAsync(new Uri(url), token, samples, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (StoreOutcome.Done, null, problem);
        }

        var same = JsonSerializer.Serialize(model, Json) == JsonSerializer.Serialize(current.InteractionModel, Json);
        var (outcome, skill) = await store.UpdateAsync(current.TenantId, current.Id, change with
        {
            InteractionModel = same ? null : model,
            WebhookUrl = url,
            Mcp = record! with { ProtectedToken = protectedToken },
        }, cancellationToken).ConfigureAwait(false);
        if (outcome == StoreOutcome.Done && !same)
        {
            trainer.Enqueue(current.Id);
        }

        return (outcome, skill, null);
    }

    private async Task<(InteractionModel? Model, McpBackendRecord? Record, string? Problem)> ListAsync(Uri url, string? token, InteractionModel? samples,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<McpTool> listed;
        try
        {
            listed = await mcp.ListToolsAsync(url, token, options.Value.McpListTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (McpSkillException e)
        {
            return (null, null, "backend: " + e.Message);
        }

        var (tools, skipped) = McpActions.Usable(listed);
        if (McpActions.Problem(tools, samples) is { } problem)
        {
            return (null, null, skipped.Count > 0 ? $"{problem} (skipped: {string.Join("; ", skipped)})" : problem);
        }

        return (McpActions.Model(tools, samples).Canonical(), new McpBackendRecord(null, samples?.Intents is null ? null : samples.Canonical(), tools, skipped, time.GetUtcNow()), null);
    }

    /// <summary>Creates the skill (every field of <paramref name="definition"/> set) and queues its training; the secret is returned once.</summary>
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill, string? Secret)> CreateAsync(string tenantId, string id, SkillDefinition definition,
        CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.New();
        var (outcome, skill) = await store.CreateAsync(tenantId, id, definition, protectedSecret, cancellationToken).ConfigureAwait(false);
        if (outcome != StoreOutcome.Done)
        {
            return (outcome, null, null);
        }

        trainer.Enqueue(id);
        return (outcome, skill, secret);
    }

    /// <summary>Changes the skill; a new interaction model is trained in the background while the old one answers no more.</summary>
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill)> UpdateAsync(string tenantId, string skillId, SkillDefinition change,
        CancellationToken cancellationToken)
    {
        var (outcome, skill) = await store.UpdateAsync(tenantId, skillId, change, cancellationToken).ConfigureAwait(false);
        if (outcome == StoreOutcome.Done && change.InteractionModel is not null)
        {
            trainer.Enqueue(skillId);
        }

        return (outcome, skill);
    }

    /// <summary>A new secret; requests are signed with the old one too until the returned instant.</summary>
    public async Task<(StoreOutcome Outcome, string? Secret, DateTimeOffset PreviousValidUntil)> RotateSecretAsync(string tenantId, string skillId,
        CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.New();
        var until = time.GetUtcNow() + options.Value.SecretGracePeriod;
        var outcome = await store.RotateSecretAsync(tenantId, skillId, protectedSecret, until, cancellationToken).ConfigureAwait(false);
        return outcome == StoreOutcome.Done ? (outcome, secret, until) : (outcome, null, until);
    }
}
