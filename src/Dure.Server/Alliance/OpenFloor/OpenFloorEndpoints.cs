using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Platform.Alliance;
using Dure.Server.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dure.Server.Alliance.OpenFloor;

/// <summary>
/// Dure as an Open Floor 1.0 agent at <c>/ofp</c>: an envelope with <c>invite</c> and <c>utterance</c> events is answered by
/// the assistant (as a device of the home named by <c>?homeId=</c>) with an envelope holding its <c>utterance</c>, and
/// <c>bye</c> when it has nothing more to ask, which hands the floor back; without <c>bye</c> Dure keeps the floor and the
/// next utterance of the same conversation continues it. A <c>bye</c> from the caller ends the conversation.
/// </summary>
internal static class OpenFloorEndpoints
{
    public const string Path = "/ofp";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).RequireAuthorization(PartnerPolicies.AllianceAct).RequireRateLimiting(RateLimits.PartnerPolicy);

    private static async Task HandleAsync(HttpContext context, IOptions<AllianceOptions> options, TimeProvider time)
    {
        var body = await AllianceCalls.ReadBodyAsync(context);
        if (body is null)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "too_large", $"the envelope is larger than {AllianceCalls.MaxBodyBytes} bytes");
            return;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            json = null;
        }

        if (OpenFloorWire.Read(json) is not { } envelope)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "invalid_envelope",
                "the body must be an Open Floor 1.0 envelope: {\"openFloor\": {\"schema\", \"conversation\": {\"id\"}, \"sender\", \"events\": [...]}}");
            return;
        }

        var self = (options.Value.PublicUrl ?? $"{context.Request.Scheme}://{context.Request.Host}").TrimEnd('/') + Path;
        var speaker = $"tag:dure,2026:{context.User.Tenant()}";
        var said = string.Join(' ', envelope.Events.Where(e => e.Type == OpenFloorWire.Utterance && !string.IsNullOrWhiteSpace(e.Text)).Select(e => e.Text));
        if (said.Length == 0)
        {
            // An invite alone, or the caller's bye: accepted, nothing to say.
            await WriteAsync(context, OpenFloorWire.Envelope(envelope.ConversationId, speaker, self));
            return;
        }

        var (reply, problem) = await AllianceCalls.AskAsync(context, null, null, said, envelope.Language, envelope.ConversationId);
        if (reply is null)
        {
            await Problems.Write(context, StatusCodes.Status422UnprocessableEntity, "unprocessable", problem!);
            return;
        }

        var answer = OpenFloorWire.UtteranceEvent(speaker, reply.Text, reply.Language, time.GetUtcNow());
        await WriteAsync(context, reply.ExpectsAnswer
            ? OpenFloorWire.Envelope(envelope.ConversationId, speaker, self, answer)
            : OpenFloorWire.Envelope(envelope.ConversationId, speaker, self, answer, OpenFloorWire.ByeEvent()));
    }

    private static Task WriteAsync(HttpContext context, JsonObject envelope) => Results.Text(envelope.ToJsonString(), "application/json").ExecuteAsync(context);
}
