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

    /// <remarks>
    /// pocketsphinx expands every rule reference into states of its own, so the grammar is written to be small: one
    /// target rule per group of device kinds, on and off in one command, numbers as tens and units.
    /// </remarks>
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
            Numbers();
            Define("percent", CommandVocabulary.UnitWords(Units.Percent));
            Define("degrees", CommandVocabulary.UnitWords(Units.Degree));
            Define("polite", words.Politeness);
            // "up" and "down" after "turn" raise and lower ("turn up the heating"); only the other particles switch.
            var scales = words.Actions(CommandAction.Raise).Concat(words.Actions(CommandAction.Lower)).ToHashSet(StringComparer.Ordinal);
            bool Switches(string particle) => !words.LightVerbs.Any(verb => scales.Contains($"{verb} {particle}"));
            Define("on_off", words.Particles(on: true).Concat(words.Particles(on: false)).Where(Switches));
            Define("turn", words.LightVerbs);

            if (Target("switchable", domains.Intersect(Switchable)))
            {
                Define("switch", words.Actions(CommandAction.TurnOn).Concat(words.Actions(CommandAction.TurnOff)));
                Command("switch", "(<switch> | <turn> <on_off>) <target_switchable> | <turn> <target_switchable> <on_off>");
            }

            if (Target("openable", domains.Intersect(Openable)))
            {
                Define("open_close", words.Actions(CommandAction.Open).Concat(words.Actions(CommandAction.Close)));
                Command("open_close", "<open_close> <target_openable>");
            }

            if (Target("lock", domains.Intersect([DeviceDomains.Lock])))
            {
                Define("lock_unlock", words.Actions(CommandAction.Lock).Concat(words.Actions(CommandAction.Unlock)));
                Command("lock_unlock", "<lock_unlock> <target_lock>");
            }

            Define("set", words.Actions(CommandAction.Set));
            if (Target("light", domains.Intersect([DeviceDomains.Light])))
            {
                Define("scale", words.Actions(CommandAction.Raise).Concat(words.Actions(CommandAction.Lower)));
                // "light level" would read as a light: attribute words that hold a device word are left to typed input.
                var lightWords = words.Nouns(DeviceDomains.Light).SelectMany(n => n.Split(' ')).ToHashSet(StringComparer.Ordinal);
                var attribute = Define("brightness", words.Attribute("brightness").Where(a => !a.Split(' ').Any(lightWords.Contains)))
                    ? "[<brightness>] " : "";
                Define("color", words.Colors.Select(c => c.Word));
                // The parser sets brightness to a value; "dim the light" alone is no command it knows.
                Command("light", $"(<set> | <scale> | <turn>) <target_light> ({attribute}<to> <number> <percent> | [<to>] <color>)");
            }

            if (Target("climate", domains.Intersect([DeviceDomains.Climate])))
            {
                Define("temperature", words.Attribute("temperature"));
                Command("temperature", "<set> (<target_climate> [<temperature>] | [<det>] <temperature> [<in> [<det>] <area>]) [<to>] <number> [<degrees>]");
            }

            if (Target("cover", domains.Intersect([DeviceDomains.Cover])))
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

        /// <summary>Whole numbers 0 to 100 as said: units, teens, tens with an optional unit, one hundred.</summary>
        private void Numbers()
        {
            Define("units", Enumerable.Range(1, 9).Select(EnglishNumber.Spell));
            Define("small", Enumerable.Range(0, 20).Select(EnglishNumber.Spell));
            Define("tens", Enumerable.Range(2, 8).Select(t => EnglishNumber.Spell(10 * t)));
            _rules.Append($"<number> = <small> | <tens> [<units>] | {EnglishNumber.Spell(100)};\n");
        }

        /// <summary>
        /// The devices of some kinds by their names or by a kind word with a room: "the kitchen light", "all the lights in
        /// the bedroom". False (and no rule) when the home has none of them.
        /// </summary>
        private bool Target(string group, IEnumerable<string> kinds)
        {
            var domains = kinds.ToList();
            var names = home.Controllable.Where(d => d.Exposed && domains.Contains(d.Domain)).SelectMany(d => d.Names.In(Languages.English));
            var haveNames = Define($"name_{group}", names);
            var haveNouns = Define($"noun_{group}", domains.SelectMany(words.Nouns));
            // The home's own names weigh more than generic phrasing: "the living room lamp", not "the living room air con".
            List<string> forms = [];
            if (haveNames)
            {
                forms.Add($"/{NameWeight}/ <name_{group}>");
            }

            if (haveNouns)
            {
                forms.AddRange(_defined.Contains("area") ? [$"/1/ [<area>] <noun_{group}>", $"/1/ <noun_{group}> <in> [<det>] <area>"] : [$"/1/ <noun_{group}>"]);
            }

            if (forms.Count == 0)
            {
                return false;
            }

            _rules.Append($"<target_{group}> = [<all>] [<det>] ({string.Join(" | ", forms)});\n");
            _defined.Add($"target_{group}");
            return true;
        }

        /// <summary>"is the front door locked": any device of the home, with the states its kinds can be in.</summary>
        private void States(HashSet<string> domains)
        {
            Define("question", words.QuestionWords.Where(w => w is "is" or "are"));
            var states = domains.SelectMany(domain => (domain switch
            {
                DeviceDomains.Lock => new[] { "locked", "unlocked" },
                DeviceDomains.Cover or DeviceDomains.Valve => ["open", "closed"],
                _ => ["on", "off"],
            }).SelectMany(state => words.States(domain, state).Append(state)));
            if (Target("any", domains.Intersect([.. Switchable, .. Openable, DeviceDomains.Lock])) && Define("state", states) && _defined.Contains("question"))
            {
                Command("state", "<question> <target_any> <state>", question: true);
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
                Command("timer_start", "(<set> | <start>) [<a> | <det>] <timer> for <number> <time_unit>");
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
    }
}
