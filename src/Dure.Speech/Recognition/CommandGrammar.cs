using System.Text;
using Dure.Homes;
using Dure.Language;
using Dure.Understanding;
using Dure.Understanding.Lexicon;

namespace Dure.Speech.Recognition;

/// <summary>
/// Writes the JSGF grammar the embedded English recognizer decodes against: the command phrasing of the intents that
/// are active in a home (device control for the kinds of devices it has, their states, brightness, color, temperature
/// and position, plus time, timers, weather and the dialog answers), with the home's own device and area names. Every
/// word comes from Dure's English vocabulary (<see cref="CommandVocabulary"/>) or the home, so whatever the recognizer
/// hears the parser can read. Phrases with a word the recognizer cannot pronounce are left out.
/// </summary>
public static class CommandGrammar
{
    public const string Name = "dure";

    // How much likelier a device's own name is than the same words built from a room and a device word.
    private const int NameWeight = 4;

    private static readonly string[] Switchable = [DeviceDomains.Light, DeviceDomains.Switch, DeviceDomains.Fan, DeviceDomains.MediaPlayer, DeviceDomains.Climate];
    private static readonly string[] Openable = [DeviceDomains.Cover, DeviceDomains.Valve];

    /// <summary>The intents whose phrasing the grammar holds for <paramref name="home"/>.</summary>
    public static IReadOnlyList<string> ActiveIntents(Home home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var domains = Domains(home);
        List<string> intents = [];
        if (domains.Overlaps(Switchable) || domains.Overlaps(Openable) || domains.Contains(DeviceDomains.Lock))
        {
            intents.AddRange([Intents.TurnOn, Intents.TurnOff, Intents.GetState]);
        }

        if (domains.Contains(DeviceDomains.Light))
        {
            intents.Add(Intents.LightSet);
        }

        if (domains.Contains(DeviceDomains.Climate))
        {
            intents.Add(Intents.ClimateSetTemperature);
        }

        if (domains.Contains(DeviceDomains.Cover))
        {
            intents.Add(Intents.SetPosition);
        }

        intents.AddRange([Intents.GetTime, Intents.GetDate, Intents.TimerStart, Intents.TimerCancel, Intents.GetWeather,
            Intents.Yes, Intents.No, Intents.Cancel, Intents.Nevermind, Intents.Help]);
        return intents;
    }

    /// <summary>The grammar for <paramref name="home"/>; <paramref name="pronounceable"/> says whether the recognizer knows a word.</summary>
    public static string Build(Home home, Func<string, bool> pronounceable)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(pronounceable);
        return new Writer(home, CommandVocabulary.English, pronounceable).Write();
    }

    private static HashSet<string> Domains(Home home) =>
        [.. home.Controllable.Where(d => d.Exposed).Select(d => d.Domain)];

    private sealed class Writer(Home home, CommandVocabulary words, Func<string, bool> pronounceable)
    {
        private readonly StringBuilder _rules = new();
        private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
        private readonly List<string> _commands = [];
        private readonly List<string> _questions = [];

        public string Write()
        {
            var domains = Domains(home);
            // Indefinite articles do not pick out a device ("a" is for "set a timer"): targets take the definite ones.
            Define("det", words.Determiners.Where(d => d is not ("a" or "an")));
            Define("a", words.Determiners.Where(d => d is "a" or "an"));
            Define("all", words.Quantifier("all"));
            Define("in", words.Preposition("in"));
            Define("to", words.Preposition("to"));
            Define("area", home.Areas.SelectMany(a => a.Names.In(Languages.English)));
            Define("number", Enumerable.Range(0, 101).Select(EnglishNumber.Spell));
            Define("percent", CommandVocabulary.UnitWords(Units.Percent));
            Define("degrees", CommandVocabulary.UnitWords(Units.Degree));
            Define("polite", words.Politeness);
            // "up" and "down" after "turn" raise and lower ("turn up the heating"); only the other particles switch.
            var scales = words.Actions(CommandAction.Raise).Concat(words.Actions(CommandAction.Lower)).ToHashSet(StringComparer.Ordinal);
            bool Switches(string particle) => !words.LightVerbs.Any(verb => scales.Contains($"{verb} {particle}"));
            Define("on", words.Particles(on: true).Where(Switches));
            Define("off", words.Particles(on: false).Where(Switches));
            Define("turn", words.LightVerbs);

            foreach (var domain in domains.Order(StringComparer.Ordinal))
            {
                Target(domain);
            }

            var switchable = Targets(domains, Switchable);
            if (switchable is not null)
            {
                Verbs("switch_on", CommandAction.TurnOn);
                Verbs("switch_off", CommandAction.TurnOff);
                Command("turn_on", $"(<switch_on> | <turn> <on>) {switchable} | <turn> {switchable} <on>");
                Command("turn_off", $"(<switch_off> | <turn> <off>) {switchable} | <turn> {switchable} <off>");
            }

            if (Targets(domains, Openable) is { } openable)
            {
                Verbs("open", CommandAction.Open);
                Verbs("close", CommandAction.Close);
                Command("open_close", $"(<open> | <close>) {openable}");
            }

            if (domains.Contains(DeviceDomains.Lock))
            {
                Verbs("lock", CommandAction.Lock);
                Verbs("unlock", CommandAction.Unlock);
                Command("lock_unlock", $"(<lock> | <unlock>) <target_lock>");
            }

            Verbs("set", CommandAction.Set);
            if (domains.Contains(DeviceDomains.Light))
            {
                Verbs("raise", CommandAction.Raise);
                Verbs("lower", CommandAction.Lower);
                // "light level" would read as a light: attribute words that hold a device word are left to the parser's text input.
                var lightWords = words.Nouns(DeviceDomains.Light).SelectMany(n => n.Split(' ')).ToHashSet(StringComparer.Ordinal);
                var brightness = Define("brightness", words.Attribute("brightness").Where(a => !a.Split(' ').Any(lightWords.Contains)));
                var attribute = brightness ? " [<brightness>]" : "";
                Define("color", words.Colors.Select(c => c.Word));
                // The parser sets brightness to a value; "dim the light" alone is no command it knows.
                Command("brightness", $"(<set> | <raise> | <lower>) <target_light>{attribute} <to> <number> <percent>");
                Command("color", "(<set> | <turn>) <target_light> [<to>] <color>");
            }

            if (domains.Contains(DeviceDomains.Climate))
            {
                Define("temperature", words.Attribute("temperature"));
                Command("temperature", "<set> ([<det>] <temperature> [<in> [<det>] <area>] | <target_climate> [<temperature>]) [<to>] <number> [<degrees>]");
            }

            if (domains.Contains(DeviceDomains.Cover))
            {
                Define("position", words.Attribute("position"));
                Command("position", "<set> <target_cover> [<position>] <to> <number> <percent>");
            }

            States(domains);
            Services();
            // Requests may be polite ("could you turn off the light please"); questions stand alone.
            Define("request", _commands.Except(_questions).Select(c => $"<{c}>"), raw: true);
            var questions = _questions.Count > 0 ? $" | {string.Join(" | ", _questions.Select(q => $"<{q}>"))}" : "";
            return $"#JSGF V1.0;\ngrammar {Name};\n{_rules}public <utterance> = [<polite>] <request> [please]{questions};\n";
        }

        /// <summary>Names and kind words of one domain, optionally with its area: "the kitchen light", "all the lights in the bedroom".</summary>
        private void Target(string domain)
        {
            var id = Rule(domain);
            var names = home.Controllable.Where(d => d.Exposed && d.Domain == domain).SelectMany(d => d.Names.In(Languages.English));
            var haveNames = Define($"name_{id}", names);
            var haveNouns = Define($"noun_{id}", words.Nouns(domain));
            // The home's own names weigh more than generic phrasing: "the living room lamp" rather than "the living room air con".
            List<string> forms = [];
            if (haveNames)
            {
                forms.Add($"/{NameWeight}/ <name_{id}>");
            }

            if (haveNouns)
            {
                forms.AddRange(_defined.Contains("area") ? [$"/1/ [<area>] <noun_{id}>", $"/1/ <noun_{id}> <in> [<det>] <area>"] : [$"/1/ <noun_{id}>"]);
            }

            if (forms.Count > 0)
            {
                _rules.Append($"<target_{id}> = [<all>] [<det>] ({string.Join(" | ", forms)});\n");
                _defined.Add($"target_{id}");
            }
        }

        private string? Targets(HashSet<string> domains, string[] kinds)
        {
            var targets = kinds.Where(domains.Contains).Select(d => $"target_{Rule(d)}").Where(_defined.Contains).ToList();
            return targets.Count == 0 ? null : $"({string.Join(" | ", targets.Select(t => $"<{t}>"))})";
        }

        private void States(HashSet<string> domains)
        {
            Define("question", words.QuestionWords.Where(w => w is "is" or "are"));
            List<string> forms = [];
            foreach (var domain in domains.Order(StringComparer.Ordinal))
            {
                var id = Rule(domain);
                if (!_defined.Contains($"target_{id}"))
                {
                    continue;
                }

                var states = domain switch
                {
                    DeviceDomains.Lock => ["locked", "unlocked"],
                    DeviceDomains.Cover or DeviceDomains.Valve => ["open", "closed"],
                    _ => new[] { "on", "off" },
                };
                var said = states.SelectMany(s => words.States(domain, s)).Concat(domain is DeviceDomains.Lock or DeviceDomains.Cover or DeviceDomains.Valve ? [] : ["on", "off"]);
                if (Define($"state_{id}", said))
                {
                    forms.Add($"<target_{id}> <state_{id}>");
                }
            }

            if (forms.Count > 0 && _defined.Contains("question"))
            {
                Command("state", $"<question> ({string.Join(" | ", forms)})", question: true);
            }
        }

        private void Services()
        {
            if (Define("time_question", words.TimeQuestions))
            {
                Command("time", "[<question>] [<det>] <time_question> [is it] [now]", question: true);
            }

            if (Define("date_question", words.DateQuestions))
            {
                Command("date", "[<question>] [<det>] <date_question> [is it] [today]", question: true);
            }

            var timerUnits = new[] { Units.Second, Units.Minute, Units.Hour }.SelectMany(CommandVocabulary.UnitWords);
            if (Define("timer", words.Topic("timer")) && Define("time_unit", timerUnits))
            {
                Define("start", ["start"]);
                Define("cancel", words.Verb("cancel"));
                Command("timer_start", "(<set> | <start>) [<a> | <det>] [<number> <time_unit>] <timer> [for <number> <time_unit>]");
                Command("timer_cancel", "<cancel> [<det>] <timer>");
            }

            if (Define("weather", words.Topic("weather")))
            {
                Command("weather", "[<question>] [<det>] <weather> [today]", question: true);
            }

            var answers = words.Verb("yes").Concat(words.Verb("no")).Concat(words.Nevermind).Concat(words.Verb("cancel")).Concat(["help", "stop"]);
            if (Define("answer", answers))
            {
                Command("answer", "<answer>");
            }
        }

        private void Verbs(string rule, CommandAction action) => Define(rule, words.Actions(action));

        /// <summary>One way of saying an intent, as a rule of its own (<c>&lt;say_…&gt;</c>, apart from the word rules).</summary>
        private void Command(string name, string body, bool question = false)
        {
            if (question)
            {
                _questions.Add($"say_{name}");
            }

            _rules.Append($"<say_{name}> = {body};\n");
            _commands.Add($"say_{name}");
        }

        /// <summary>An alternation of phrases, those the recognizer can say; false (and no rule) when none is left.</summary>
        private bool Define(string rule, IEnumerable<string> phrases, bool raw = false)
        {
            var usable = raw ? [.. phrases] : phrases.Select(Phrase).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (usable.Count == 0)
            {
                return false;
            }

            _rules.Append($"<{rule}> = {string.Join(" | ", usable)};\n");
            _defined.Add(rule);
            return true;
        }

        /// <summary>The phrase as the recognizer's words, or null when one of them is not in its dictionary.</summary>
        private string? Phrase(string phrase)
        {
            var normalized = TextNormalizer.Normalize(phrase);
            var tokens = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || tokens.Any(t => !t.All(c => char.IsAsciiLetterLower(c) || c == '\'') || !pronounceable(t)))
            {
                return null;
            }

            return string.Join(' ', tokens);
        }

        private static string Rule(string domain) => domain.Replace('.', '_');
    }
}
