using System.Security.Claims;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dure.Server.Partners;

public sealed record SkillWebhookAddress(string? Url);

/// <summary>
/// What serves the skill: <c>kind</c> <c>webhook</c> (as <c>webhook.url</c>) or <c>mcp</c>, a partner's MCP server
/// (Streamable HTTP) whose tools become the skill's actions; <c>token</c> is sent to it as <c>Authorization: Bearer</c>.
/// </summary>
public sealed record SkillBackendRequest(string? Kind, string? Url, string? Token);

public sealed record CreateSkillRequest(string? Id, string? Name, LocalizedWords? InvocationNames, InteractionModel? InteractionModel,
    SkillWebhookAddress? Webhook, SkillBackendRequest? Backend = null);

public sealed record UpdateSkillRequest(string? Name, LocalizedWords? InvocationNames, InteractionModel? InteractionModel, SkillWebhookAddress? Webhook,
    SkillBackendRequest? Backend = null);

/// <summary>The skill's trained model: <c>training</c>, <c>ready</c> or <c>failed</c> (with the reason).</summary>
public sealed record SkillModelResponse(string Status, DateTimeOffset? TrainedAt, string? Error);

/// <summary>A tool of the skill's MCP server that is an action of the skill: its arguments are the intent's slots.</summary>
public sealed record McpToolResponse(string Name, string? Title, string? Description, IReadOnlyList<string> Arguments, bool Destructive);

/// <summary>What serves the skill; for an MCP server, its tools as last listed (never the token, only whether there is one).</summary>
public sealed record SkillBackendResponse(string Kind, string Url, bool? HasToken = null, IReadOnlyList<McpToolResponse>? Tools = null,
    IReadOnlyList<string>? SkippedTools = null, DateTimeOffset? ToolsListedAt = null);

public sealed record SkillResponse(string Id, string Name, LocalizedWords InvocationNames, InteractionModel InteractionModel, SkillWebhookAddress? Webhook,
    SkillBackendResponse Backend, SkillModelResponse Model, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A created skill: the only time its webhook secret is shown (null for a skill on an MCP server, which signs nothing).</summary>
public sealed record CreatedSkillResponse(string Id, string Name, LocalizedWords InvocationNames, InteractionModel InteractionModel,
    SkillWebhookAddress? Webhook, SkillBackendResponse Backend, SkillModelResponse Model, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Secret);

/// <summary>A rotated secret; requests are signed with the previous one as well until <c>previousValidUntil</c>.</summary>
public sealed record SkillSecretResponse(string Secret, DateTimeOffset PreviousValidUntil);

public sealed record SiteSkillResponse(string Id, string Name, bool Enabled);

/// <summary>Partners' custom skills (docs/custom-skills.md): registration, secrets, and enablement per site.</summary>
internal static class SkillEndpoints
{
    private const int MaxName = 100;
    private const int MaxInvocationNames = 10;
    private const int MaxInvocationNameLength = 40;
    private const int MaxTokenLength = 4096;

    public static void Map(RouteGroupBuilder v1)
    {
        var skills = v1.MapGroup("/skills").WithTags("Skills");
        skills.MapGet("", ListAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("List the tenant's skills");
        skills.MapPost("", CreateAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Register a skill; its webhook secret is in this answer only, and its model trains in the background");
        skills.MapGet("/{skillId}", GetAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("A skill, with the status of its trained model");
        skills.MapPatch("/{skillId}", UpdateAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Change a skill; a new interaction model is trained again");
        skills.MapDelete("/{skillId}", DeleteAsync).RequireAuthorization(PartnerPolicies.Admin).WithSummary("Delete a skill from every site");
        skills.MapPost("/{skillId}/secret", RotateSecretAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Rotate the webhook secret; the old one still signs during the grace period");
        skills.MapPost("/{skillId}/tools", RefreshToolsAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("List the skill's MCP server's tools again; changed tools are trained again");

        var sites = v1.MapGroup("/sites/{siteId}/skills").WithTags("Skills");
        sites.MapGet("", ListForSiteAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("The tenant's skills and whether each is enabled in the site");
        sites.MapPut("/{skillId}", EnableAsync).RequireAuthorization(PartnerPolicies.Admin).WithSummary("Enable a skill in the site");
        sites.MapDelete("/{skillId}", DisableAsync).RequireAuthorization(PartnerPolicies.Admin).WithSummary("Disable a skill in the site");
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ISkillStore store, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        return Results.Ok(Paging.Response(await store.ListAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken), Shape));
    }

    private static async Task<IResult> CreateAsync(ClaimsPrincipal user, CreateSkillRequest? request, SkillCatalog catalog, IAuditLog audit,
        IOptions<CustomSkillOptions> options, CancellationToken cancellationToken)
    {
        if (request is null || request.Name is null || request.InvocationNames is null)
        {
            return Problems.Invalid("name, invocationNames, interactionModel and webhook.url (or backend) are required");
        }

        if (BackendProblem(request.Webhook, request.Backend, options.Value) is { } backendProblem)
        {
            return backendProblem;
        }

        var mcp = request.Backend is { Kind: McpBackendRecord.Kind } ? request.Backend : null;
        var webhook = request.Backend is { Kind: "webhook" } asWebhook ? new SkillWebhookAddress(asWebhook.Url) : request.Webhook;
        if (mcp is null && (request.InteractionModel is null || webhook?.Url is null))
        {
            return Problems.Invalid("name, invocationNames, interactionModel and webhook.url (or backend) are required");
        }

        // An MCP skill's samples are checked against its server's tools once they are listed.
        if (Validate(request.Name, request.InvocationNames, mcp is null ? request.InteractionModel : null, webhook, options.Value) is { } invalid)
        {
            return invalid;
        }

        var id = request.Id ?? Ids.New("sk_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid(Ids.Rule);
        }

        StoreOutcome outcome;
        SkillRecord? skill;
        string? secret = null;
        if (mcp is not null)
        {
            var definition = new SkillDefinition(request.Name.Trim(), request.InvocationNames.Canonical(), request.InteractionModel, null);
            (outcome, skill, var problem) = await catalog.CreateMcpAsync(user.Tenant(), id, definition, new McpBackendChange(mcp.Url, mcp.Token),
                cancellationToken);
            if (problem is not null)
            {
                return Problems.Invalid(problem);
            }
        }
        else
        {
            (outcome, skill, secret) = await catalog.CreateAsync(user.Tenant(), id, Definition(request.Name, request.InvocationNames, request.InteractionModel, webhook),
                cancellationToken);
        }

        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"the id '{id}' is taken");
        }

        await audit.Audit(user, "skill.create", skill!.Id, skill.WebhookUrl);
        var shaped = Shape(skill);
        return Results.Created($"/v1/skills/{skill.Id}", new CreatedSkillResponse(shaped.Id, shaped.Name, shaped.InvocationNames, shaped.InteractionModel,
            shaped.Webhook, shaped.Backend, shaped.Model, shaped.CreatedAt, shaped.UpdatedAt, secret));
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, string skillId, ISkillStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.Tenant(), skillId, cancellationToken) is { } skill ? Results.Ok(Shape(skill)) : Problems.NotFound($"skill '{skillId}'");

    private static async Task<IResult> UpdateAsync(ClaimsPrincipal user, string skillId, UpdateSkillRequest? request, SkillCatalog catalog, ISkillStore store,
        IAuditLog audit, IOptions<CustomSkillOptions> options, CancellationToken cancellationToken)
    {
        if (request is null || (request.Name, request.InvocationNames, request.InteractionModel, request.Webhook, request.Backend) == (null, null, null, null, null))
        {
            return Problems.Invalid("give a name, invocationNames, interactionModel, webhook or backend to change");
        }

        if (BackendProblem(request.Webhook, request.Backend, options.Value, change: true) is { } backendProblem)
        {
            return backendProblem;
        }

        if (await store.FindAsync(user.Tenant(), skillId, cancellationToken) is not { } current)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        var toMcp = request.Backend is { Kind: McpBackendRecord.Kind };
        if (current.Mcp is null ? toMcp : request.Webhook is not null || request.Backend is { Kind: "webhook" })
        {
            return Problems.Invalid(current.Mcp is null
                ? "a webhook skill cannot move to an MCP server: register a new skill with backend.kind \"mcp\""
                : "a skill on an MCP server cannot move to a webhook: register a new skill with webhook.url");
        }

        var webhook = request.Backend is { Kind: "webhook" } asWebhook ? new SkillWebhookAddress(asWebhook.Url) : request.Webhook;
        if (Validate(request.Name, request.InvocationNames, current.Mcp is null ? request.InteractionModel : null, webhook, options.Value) is { } invalid)
        {
            return invalid;
        }

        StoreOutcome outcome;
        SkillRecord? skill;
        if (current.Mcp is not null && (request.Backend is not null || request.InteractionModel is not null))
        {
            (outcome, skill, var problem) = await catalog.UpdateMcpAsync(current,
                new SkillDefinition(request.Name?.Trim(), request.InvocationNames?.Canonical(), request.InteractionModel, null),
                request.Backend is { } backend ? new McpBackendChange(backend.Url, backend.Token) : null, cancellationToken);
            if (problem is not null)
            {
                return Problems.Invalid(problem);
            }
        }
        else
        {
            (outcome, skill) = await catalog.UpdateAsync(user.Tenant(), skillId,
                Definition(request.Name, request.InvocationNames, request.InteractionModel, webhook), cancellationToken);
        }

        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        var changed = string.Join(", ", new[]
        {
            request.Name is null ? null : "name", request.InvocationNames is null ? null : "invocationNames",
            request.InteractionModel is null ? null : "interactionModel", request.Webhook is null ? null : "webhook",
            request.Backend is null ? null : "backend",
        }.OfType<string>());
        await audit.Audit(user, "skill.update", skillId, changed);
        return Results.Ok(Shape(skill!));
    }

    private static async Task<IResult> RefreshToolsAsync(ClaimsPrincipal user, string skillId, SkillCatalog catalog, ISkillStore store, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(user.Tenant(), skillId, cancellationToken) is not { } current)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        if (current.Mcp is null)
        {
            return Problems.Conflict($"skill '{skillId}' is served by a webhook, which has no tools to list");
        }

        var (outcome, skill, problem) = await catalog.UpdateMcpAsync(current, new SkillDefinition(null, null, null, null), null, cancellationToken);
        if (problem is not null)
        {
            return Problems.Invalid(problem);
        }

        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        await audit.Audit(user, "skill.tools.refresh", skillId, $"{skill!.Mcp?.Tools.Count} tools");
        return Results.Ok(Shape(skill));
    }

    private static async Task<IResult> DeleteAsync(ClaimsPrincipal user, string skillId, ISkillStore store, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await store.DeleteAsync(user.Tenant(), skillId, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        await audit.Audit(user, "skill.delete", skillId);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateSecretAsync(ClaimsPrincipal user, string skillId, SkillCatalog catalog, ISkillStore store, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(user.Tenant(), skillId, cancellationToken) is { Mcp: not null })
        {
            return Problems.Conflict($"skill '{skillId}' is served by an MCP server and signs nothing; change its token with PATCH backend.token");
        }

        var (outcome, secret, previousUntil) = await catalog.RotateSecretAsync(user.Tenant(), skillId, cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        await audit.Audit(user, "skill.secret.rotate", skillId);
        return Results.Ok(new SkillSecretResponse(secret!, previousUntil));
    }

    private static async Task<IResult> ListForSiteAsync(ClaimsPrincipal user, string siteId, ISkillStore store, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        return await store.ListForSiteAsync(user.Tenant(), siteId, paging.After, paging.Limit, cancellationToken) is { } page
            ? Results.Ok(Paging.Response(page, e => new SiteSkillResponse(e.Id, e.Name, e.Enabled)))
            : Problems.NotFound($"site '{siteId}'");
    }

    private static async Task<IResult> EnableAsync(ClaimsPrincipal user, string siteId, string skillId, ISkillStore store, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await store.SetEnabledAsync(user.Tenant(), siteId, skillId, enabled: true, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"site '{siteId}' or skill '{skillId}'");
        }

        await audit.Audit(user, "skill.enable", skillId, $"in site {siteId}");
        var skill = await store.FindAsync(user.Tenant(), skillId, cancellationToken);
        return Results.Ok(new SiteSkillResponse(skillId, skill?.Name ?? skillId, true));
    }

    private static async Task<IResult> DisableAsync(ClaimsPrincipal user, string siteId, string skillId, ISkillStore store, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await store.SetEnabledAsync(user.Tenant(), siteId, skillId, enabled: false, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"site '{siteId}' or skill '{skillId}'");
        }

        await audit.Audit(user, "skill.disable", skillId, $"in site {siteId}");
        return Results.NoContent();
    }

    /// <summary>Checks the fields given (null: not given).</summary>
    private static IResult? Validate(string? name, LocalizedWords? invocationNames, InteractionModel? model, SkillWebhookAddress? webhook,
        CustomSkillOptions options)
    {
        if (name is not null && (name.Trim().Length is 0 or > MaxName))
        {
            return Problems.Invalid($"name must be 1-{MaxName} characters");
        }

        if (invocationNames is not null)
        {
            var names = invocationNames.All.ToList();
            if (names.Count is 0 or > MaxInvocationNames ||
                names.Any(n => n is null || n.Trim().Length is < 2 or > MaxInvocationNameLength || !n.Any(char.IsLetter)))
            {
                return Problems.Invalid(
                    $"invocationNames must give 1-{MaxInvocationNames} names in ko and/or en, each 2-{MaxInvocationNameLength} characters with a letter");
            }

            if (names.Select(n => string.Concat(n.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant()).Distinct().Count() != names.Count)
            {
                return Problems.Invalid("invocationNames lists a name twice");
            }
        }

        if (model?.Problem() is { } modelProblem)
        {
            return Problems.Invalid(modelProblem);
        }

        return webhook is not null && options.WebhookProblem(webhook.Url) is { } urlProblem ? Problems.Invalid(urlProblem) : null;
    }

    /// <summary>Checks <c>webhook</c> and <c>backend</c> together: one of them, a known kind, a usable URL and token.</summary>
    private static IResult? BackendProblem(SkillWebhookAddress? webhook, SkillBackendRequest? backend, CustomSkillOptions options, bool change = false)
    {
        if (backend is null)
        {
            return null;
        }

        if (webhook is not null)
        {
            return Problems.Invalid("give webhook or backend, not both");
        }

        if (backend.Kind is not ("webhook" or McpBackendRecord.Kind))
        {
            return Problems.Invalid("backend.kind must be \"webhook\" or \"mcp\"");
        }

        if ((!change || backend.Url is not null || backend.Kind == "webhook") && options.UrlProblem(backend.Url, "backend.url") is { } urlProblem)
        {
            return Problems.Invalid(urlProblem);
        }

        if (backend.Token is { } token && (backend.Kind != McpBackendRecord.Kind ||
            (token.Length > 0 && (token.Length > MaxTokenLength || token.Any(c => c is < '!' or > '~')))))
        {
            return Problems.Invalid(backend.Kind != McpBackendRecord.Kind
                ? "backend.token is for an MCP server (kind \"mcp\"); a webhook verifies Dure's signature instead"
                : $"backend.token must be at most {MaxTokenLength} printable ASCII characters without spaces (\"\" removes it)");
        }

        return change && backend.Kind == McpBackendRecord.Kind && backend.Url is null && backend.Token is null
            ? Problems.Invalid("backend: give the url or the token to change (POST /v1/skills/{skillId}/tools lists the tools again)")
            : null;
    }

    private static SkillDefinition Definition(string? name, LocalizedWords? invocationNames, InteractionModel? model, SkillWebhookAddress? webhook) =>
        new(name?.Trim(), invocationNames?.Canonical(), model?.Canonical(), webhook?.Url);

    private static SkillResponse Shape(SkillRecord skill) => new(skill.Id, skill.Name, skill.InvocationNames, skill.InteractionModel,
        skill.Mcp is null ? new SkillWebhookAddress(skill.WebhookUrl) : null,
        skill.Mcp is { } mcp
            ? new SkillBackendResponse(McpBackendRecord.Kind, skill.WebhookUrl, mcp.ProtectedToken is not null,
                [.. mcp.Tools.Select(t => new McpToolResponse(t.Name, t.Title, t.Description, [.. t.Properties.Select(p => p.Name)], t.Destructive))],
                mcp.Skipped, mcp.ListedAt)
            : new SkillBackendResponse("webhook", skill.WebhookUrl),
        new SkillModelResponse(skill.Model.Status, skill.Model.TrainedAt, skill.Model.Error), skill.Created, skill.Updated);
}
