using System.Collections.Immutable;
using Dure.Homes;

namespace Dure.Skills.Tests;

/// <summary>
/// A home with live state that applies what the assistant decides, turn after turn, the way the platform does.
/// </summary>
internal sealed class Conversation
{
    private static readonly Home DemoHome = HomeFile.Load(Path.Combine(AppContext.BaseDirectory, "demo-home.yaml"));
    private readonly Assistant _assistant;

    public Conversation(Home? home = null, string speaker = "wallpad", Services.AssistantServices? services = null)
    {
        _assistant = new Assistant(services ?? new Services.AssistantServices { Scheduler = Scheduler, Records = Records, Tickets = Records });
        Home = home ?? DemoHome;
        Speaker = speaker;
        States = Home.Devices.ToImmutableDictionary(d => d.Id, d => d.InitialState);
    }

    public Home Home { get; }

    public ListScheduler Scheduler { get; } = new();

    public ListRecords Records { get; } = new();

    public static Home Sample(string file) => HomeFile.Load(Path.Combine(AppContext.BaseDirectory, "samples", file));

    public string Speaker { get; set; }

    public ImmutableDictionary<string, DeviceState> States { get; private set; }

    /// <summary>The instant the turns happen at: 2026-11-25 15:20 in Seoul.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 15, 20, 0, TimeSpan.FromHours(9));

    public TurnOutcome Last { get; private set; } = TurnOutcome.Say(new Speech("", "ko"));

    public string Say(string text)
    {
        Last = _assistant.HandleAsync(new Turn(Home, States, Speaker, text, null, Now) { Dialog = Last.Dialog }).AsTask().GetAwaiter().GetResult();
        States = States.SetItems(Last.StateChanges);
        return Last.Speech.Text;
    }

    public string StateOf(string device) => States[device].Value;

    public void Set(string device, DeviceState state) => States = States.SetItem(device, state);
}
