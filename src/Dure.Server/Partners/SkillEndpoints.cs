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

public sealed record CreateSkillRequest(string? Id, string? Name, LocalizedWords? InvocationNames, InteractionModel? InteractionModel,
    SkillWebhookAddress? Webhook);

public sealed record UpdateSkillRequest(string? Name, LocalizedWords? InvocationNames, InteractionModel? InteractionModel, SkillWebhookAddress? Webhook);

/// <summary>The skill's trained model: <c>training</c>, <c>ready</c> or <c>failed</c> (with the reason).</summary>
public sealed record SkillModelResponse(string Status, DateTimeOffset? TrainedAt, string? Error);

public sealed record SkillResponse(string Id, string Name, LocalizedWords InvocationNames, InteractionModel InteractionModel, SkillWebhookAddress Webhook,
    SkillModelResponse Model, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A created skill: the only time its webhook secret is shown.</summary>
public sealed record CreatedSkillResponse(string Id, string Name, LocalizedWords InvocationNames, InteractionModel InteractionModel,
    SkillWebhookAddress Webhook, SkillModelResponse Model, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret);

/// <summary>A rotated secret; requests are signed with the previous one as well until <c>previousValidUntil</c>.</summary>
public sealed record SkillSecretResponse(string Secret, DateTimeOffset PreviousValidUntil);

public sealed record SiteSkillResponse(string Id, string Name, bool Enabled);

/// <summary>Partners' custom skills (docs/custom-skills.md): registration, secrets, and enablement per site.</summary>
internal static class SkillEndpoints
{
    private const int MaxName = 100;
    private const int MaxInvocationNames = 10;
    private const int MaxInvocationNameLength = 40;

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
        if (request is null || request.Name is null || request.InvocationNames is null || request.InteractionModel is null || request.Webhook?.Url is null)
        {
            return Problems.Invalid("name, invocationNames, interactionModel and webhook.url are required");
        }

        if (Validate(request.Name, request.InvocationNames, request.InteractionModel, request.Webhook, options.Value) is { } invalid)
        {
            return invalid;
        }

        var id = request.Id ?? Ids.New("sk_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid(Ids.Rule);
        }

        var definition = Definition(request.Name, request.InvocationNames, request.InteractionModel, request.Webhook);
        var (outcome, skill, secret) = await catalog.CreateAsync(user.Tenant(), id, definition, cancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"the id '{id}' is taken");
        }

        await audit.Audit(user, "skill.create", skill!.Id, skill.WebhookUrl);
        var shaped = Shape(skill);
        return Results.Created($"/v1/skills/{skill.Id}", new CreatedSkillResponse(shaped.Id, shaped.Name, shaped.InvocationNames, shaped.InteractionModel,
            shaped.Webhook, shaped.Model, shaped.CreatedAt, shaped.UpdatedAt, secret!));
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, string skillId, ISkillStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.Tenant(), skillId, cancellationToken) is { } skill ? Results.Ok(Shape(skill)) : Problems.NotFound($"skill '{skillId}'");

    private static async Task<IResult> UpdateAsync(ClaimsPrincipal user, string skillId, UpdateSkillRequest? request, SkillCatalog catalog, IAuditLog audit,
        IOptions<CustomSkillOptions> options, CancellationToken cancellationToken)
    {
        if (request is null || (request.Name, request.InvocationNames, request.InteractionModel, request.Webhook) == (null, null, null, null))
        {
            return Problems.Invalid("give a name, invocationNames, interactionModel or webhook to change");
        }

        if (Validate(request.Name, request.InvocationNames, request.InteractionModel, request.Webhook, options.Value) is { } invalid)
        {
            return invalid;
        }

        var (outcome, skill) = await catalog.UpdateAsync(user.Tenant(), skillId,
            Definition(request.Name, request.InvocationNames, request.InteractionModel, request.Webhook), cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"skill '{skillId}'");
        }

        var changed = string.Join(", ", new[]
        {
            request.Name is null ? null : "name", request.InvocationNames is null ? null : "invocationNames",
            request.InteractionModel is null ? null : "interactionModel", request.Webhook is null ? null : "webhook",
        }.OfType<string>());
        await audit.Audit(user, "skill.update", skillId, changed);
        return Results.Ok(Shape(skill!));
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

    private static async Task<IResult> RotateSecretAsync(ClaimsPrincipal user, string skillId, SkillCatalog catalog, IAuditLog audit,
        CancellationToken cancellationToken)
    {
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

    private static SkillDefinition Definition(string? name, LocalizedWords? invocationNames, InteractionModel? model, SkillWebhookAddress? webhook) =>
        new(name?.Trim(), invocationNames?.Canonical(), model?.Canonical(), webhook?.Url);

    private static SkillResponse Shape(SkillRecord skill) => new(skill.Id, skill.Name, skill.InvocationNames, skill.InteractionModel,
        new SkillWebhookAddress(skill.WebhookUrl), new SkillModelResponse(skill.Model.Status, skill.Model.TrainedAt, skill.Model.Error),
        skill.Created, skill.Updated);
}
