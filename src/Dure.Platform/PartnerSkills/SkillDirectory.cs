using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Dure.Skills.CustomSkills;
using Dure.Understanding.Classification;
using Microsoft.Extensions.Logging;

namespace Dure.Platform.PartnerSkills;

/// <summary>
/// The skills a home's turns may reach: those enabled in its site, asked of the store on every turn (which keeps them
/// for a moment and forgets them on every change made through it, <see cref="CachedSkillStore"/>: enabling, disabling
/// and rotating take effect at once), with their definitions, decrypted secrets and trained models cached per skill.
/// A model that should be ready but is missing from the store is trained again, lazily.
/// </summary>
public sealed partial class SkillDirectory(ISkillStore store, SkillSecrets secrets, SkillModelTrainer trainer, TimeProvider time,
    ILogger<SkillDirectory> logger) : ICustomSkillDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, Definition> _definitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Version, IntentModel Model)> _models = new(StringComparer.Ordinal);

    public async ValueTask<SiteSkills?> ForHomeAsync(string homeId, CancellationToken cancellationToken)
    {
        if (await store.EnabledForHomeAsync(homeId, cancellationToken).ConfigureAwait(false) is not { } enabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var skills = new List<CustomSkill>(enabled.Skills.Count);
        foreach (var row in enabled.Skills)
        {
            if (DefinitionOf(row) is not { } definition)
            {
                continue;
            }

            IReadOnlyList<string> signing = definition.PreviousSecret is { } previous && row.PreviousSecretUntil > now
                ? [definition.Secret, previous]
                : [definition.Secret];
            var model = await ModelOfAsync(row, cancellationToken).ConfigureAwait(false);
            skills.Add(new CustomSkill(row.Id, row.TenantId, row.Name, definition.Names, definition.Model, model, definition.Webhook,
                definition.Mcp is null ? signing : [], definition.Mcp));
        }

        return new SiteSkills(enabled.TenantId, enabled.SiteId, skills);
    }

    private Definition? DefinitionOf(EnabledSkillRow row)
    {
        if (_definitions.TryGetValue(row.Id, out var cached) && cached.Updated == row.Updated)
        {
            return cached;
        }

        try
        {
            var url = new Uri(row.WebhookUrl, UriKind.Absolute);
            // A skill on an MCP server signs nothing; it sends the partner's token, if it gave one.
            var mcp = row.Mcp is { } backend
                ? new McpSkillBackend(url, backend.ProtectedToken is { } token ? secrets.UnprotectToken(token) : null, backend.Tools)
                : null;
            var definition = new Definition(
                row.Updated,
                JsonSerializer.Deserialize<LocalizedWords>(row.InvocationNamesJson, Json)!,
                JsonSerializer.Deserialize<InteractionModel>(row.InteractionModelJson, Json)!,
                url,
                mcp is null ? secrets.Unprotect(row.ProtectedSecret) : "",
                mcp is null ? Previous(row) : null,
                mcp);
            _definitions[row.Id] = definition;
            return definition;
        }
        catch (CryptographicException e)
        {
            // The data directory's key ring was lost or replaced: the skill cannot sign until its secret is rotated.
            LogUnreadableSecret(e, row.Id);
            return null;
        }
    }

    // A rotated-out secret that no longer decrypts (the key ring was replaced, then the secret rotated) is just dropped.
    private string? Previous(EnabledSkillRow row)
    {
        try
        {
            return row.ProtectedPreviousSecret is { } previous ? secrets.Unprotect(previous) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private async ValueTask<IntentModel?> ModelOfAsync(EnabledSkillRow row, CancellationToken cancellationToken)
    {
        if (_models.TryGetValue(row.Id, out var cached) && cached.Version == row.ModelVersion)
        {
            return cached.Model;
        }

        if (row.ModelStatus != SkillModelStatus.Ready)
        {
            return null;
        }

        var file = await store.LoadModelAsync(row.Id, row.ModelVersion, cancellationToken).ConfigureAwait(false);
        if (file is not null)
        {
            try
            {
                using var stream = new MemoryStream(file);
                var model = IntentModel.Load(stream);
                _models[row.Id] = (row.ModelVersion, model);
                return model;
            }
            catch (InvalidDataException e)
            {
                LogUnreadableModel(e, row.Id);
            }
        }

        if (await store.RequestTrainingAsync(row.Id, row.ModelVersion, cancellationToken).ConfigureAwait(false))
        {
            trainer.Enqueue(row.Id);
        }

        return null;
    }

    private sealed record Definition(DateTimeOffset Updated, LocalizedWords Names, InteractionModel Model, Uri Webhook, string Secret, string? PreviousSecret,
        McpSkillBackend? Mcp);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skill {Skill}: its webhook secret or MCP token cannot be decrypted with this data directory's keys; rotate or replace it")]
    private partial void LogUnreadableSecret(Exception exception, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill {Skill}: its stored model cannot be read; training it again")]
    private partial void LogUnreadableModel(Exception exception, string skill);
}
