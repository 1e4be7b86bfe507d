using Dure.Homes;
using static Dure.Understanding.Lexicon.VocabularyBuilder;

namespace Dure.Understanding.Lexicon;

/// <summary>
/// English words for controlling and asking about a home. Nouns get their plurals automatically;
/// "turn"/"switch" are light verbs whose meaning comes from "on"/"off" wherever it stands
/// ("turn on the lights", "turn the lights on", "lights on").
/// </summary>
internal static class EnglishVocabulary
{
    /// <summary>Verbs that take their meaning from "on"/"off" or from what follows ("turn the lights on", "switch off").</summary>
    public const string LightVerbs = "turn, switch, flip";

    /// <summary>What a polite request begins with.</summary>
    public const string Politeness = "please, pls, can you, could you, would you, will you";

    public const string Determiners = "the, a, an, my, our, your";

    public static VocabularyBuilder Build()
    {
        var v = new VocabularyBuilder();
        AddDeviceKinds(v);
        AddActions(v);
        AddStates(v);
        AddQuestions(v);
        AddSettings(v);
        AddFunctionWords(v);
        ServiceVocabulary.AddEnglish(v);
        return v;
    }

    private static void AddDeviceKinds(VocabularyBuilder v)
    {
        v.Add(Noun(new Sense(DeviceDomains.Light)), "light, lights, lamp, lamps, lighting, lightbulb, lightbulbs, bulb, bulbs, ceiling light, ceiling lights");
        v.Add(Noun(new Sense(DeviceDomains.Switch)), "switch, switches, outlet, outlets, plug, plugs, socket, sockets, power strip");
        v.Add(Noun(new Sense(DeviceDomains.Fan)), "fan, fans, ceiling fan, ceiling fans, exhaust fan, exhaust fans, ventilator");
        v.Add(Noun(Cover("curtain")), "curtain, curtains, drape, drapes, drapery");
        v.Add(Noun(Cover("blind")), "blind, blinds, roller blind, roller blinds");
        v.Add(Noun(Cover("shade")), "shade, shades, sunshade, sunshades");
        v.Add(Noun(Cover("shutter")), "shutter, shutters, roller shutter, roller shutters");
        v.Add(Noun(Cover("awning")), "awning, awnings");
        v.Add(Noun(Cover("garage"), Binary("garage_door")), "garage door, garage doors, garage");
        v.Add(Noun(Cover("gate")), "gate, gates");
        v.Add(Noun(Cover("window"), Binary("window")), "window, windows");
        v.Add(Noun(new Sense(DeviceDomains.Lock), Binary("opening"), Cover("door"), Binary("door")), "door, doors");
        v.Add(Noun(new Sense(DeviceDomains.Lock)), "lock, locks, door lock, door locks, deadbolt, deadbolts");
        v.Add(Noun(Binary("opening")), "opening, openings");
        v.Add(Noun(new Sense(DeviceDomains.Climate)), "thermostat, thermostats, heating, heater, heaters, ac, a/c, air conditioner, air conditioning, air con, aircon, hvac, climate, boiler, radiator, radiators, floor heating");
        v.Add(Noun(new Sense(DeviceDomains.Valve)), "valve, valves");
        v.Add(Noun(new Sense(DeviceDomains.Valve, "gas"), Binary("gas")), "gas, gas valve, gas valves");
        v.Add(Noun(new Sense(DeviceDomains.Valve, "water")), "water valve, water valves, water main, tap, taps, faucet");
        v.Add(Noun(new Sense(DeviceDomains.MediaPlayer)), "tv, tvs, television, televisions, speaker, speakers, media player, stereo, set-top box");
        v.Add(Noun(new Sense(DeviceDomains.Scene)), "scene, scenes");
        v.Add(Noun(new Sense(DeviceDomains.Script)), "script, scripts, routine, routines");
        v.Add(Noun(new Sense(DeviceDomains.Vacuum)), "vacuum, vacuums, robot vacuum, vacuum cleaner");
        v.Add(Noun(new Sense(DeviceDomains.Person)), "person, people, anyone, anybody, everyone, everybody, someone, somebody, who");
        v.Add(Noun(new Sense(DeviceDomains.BinarySensor), new Sense(DeviceDomains.Sensor)), "sensor, sensors, detector, detectors");
        v.Add(Noun(new Sense(null)), "device, devices, thing, things, anything, something, appliance, appliances, everything");
        v.Add(Noun(Binary("battery")), "battery, batteries");
        v.Add(Noun(Binary("carbon_monoxide")), "carbon monoxide, co");
        v.Add(Noun(Binary("smoke")), "smoke, fire");
        v.Add(Noun(Binary("moisture")), "leak, leaks, water leak, water sensor, water sensors, moisture, flood");
        v.Add(Noun(Binary("motion")), "motion, movement");
        v.Add(Noun(Binary("occupancy")), "occupancy, presence");
        v.Add(Noun(Binary("sound")), "sound, noise");
        v.Add(Noun(Binary("vibration")), "vibration");
        v.Add(Noun(Binary("tamper")), "tamper, tampering");
        v.Add(Noun(Binary("update")), "update, updates");
        v.Add(Noun(Binary("problem")), "problem, problems, issue, issues, fault");

        // What a sensor measures, to tell apart sensors that share a name.
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "precipitation")), "rainfall, precipitation, accumulated rainfall, rain total");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "precipitation_intensity")), "rainfall intensity, rain rate, precipitation intensity");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "humidity")), "humidity, relative humidity");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "pm25")), "pm2.5, fine dust level");
        v.Add(Noun(new Sense(DeviceDomains.Sensor, "carbon_dioxide")), "co2, carbon dioxide");
    }

    private static void AddActions(VocabularyBuilder v)
    {
        v.Add(Act(ActionKind.On), "activate, enable, start, power on, bring on, run, trigger, execute, launch, transition to, switch to, switch on");
        v.Add(Act(ActionKind.On) with { Senses = [new Sense(DeviceDomains.Light)] }, "light up, illuminate, brighten up");
        v.Add(Act(ActionKind.Off), "deactivate, disable, stop, power off, shut off, shut down, kill, cut, extinguish, switch off");
        v.Add(Act(ActionKind.Open), "open, raise, lift, pull up, roll up");
        v.Add(Act(ActionKind.Close), "close, shut, pull down, roll down, draw");
        v.Add(Act(ActionKind.Lock), "lock, secure, bolt");
        v.Add(Act(ActionKind.Unlock), "unlock, unbolt, unsecure");
        v.Add(Act(ActionKind.Set), "set, change, make, adjust, put, configure");
        v.Add(Act(ActionKind.Raise), "increase, turn up, brighten, boost");
        v.Add(Act(ActionKind.Lower), "decrease, turn down, dim, reduce, lower");
        v.Add(Of(LexKind.OnOff, "on"), "on, up");
        v.Add(Of(LexKind.OnOff, "off"), "off, out");
        v.Add(Function(LexKind.Filler), LightVerbs + ", get, go");
        v.Add(Of(LexKind.Negation), "don't, do not, dont, never, not, no need to");
        v.Add(Of(LexKind.Nevermind), "never mind, nevermind, forget it, forget about it, nothing, that's all, ignore that");
    }

    private static void AddStates(VocabularyBuilder v)
    {
        v.Add(State(SwitchedOn), "turned on, switched on, powered on");
        v.Add(State(SwitchedOff), "turned off, switched off, powered off");
        v.Add(State(Opened), "open, opened, ajar");
        v.Add(State(Closed), "closed, shut");
        v.Add(State(Locked), "locked, secured, securely locked");
        v.Add(State(Unlocked), "unlocked, unsecured");
        v.Add(State(Detected()), "detected, triggered, tripped, sensing, on alert");
        v.Add(State(Detected("off")), "clear, not detected, idle");
        v.Add(State(BinaryClass("battery", "on")), "low, battery low, running low, dying, empty");
        v.Add(State(BinaryClass("battery", "off")), "normal, charged, full, ok");
        v.Add(State(BinaryClass("battery_charging", "on")), "charging");
        v.Add(State(BinaryClass("connectivity", "on")), "connected, online");
        v.Add(State(BinaryClass("connectivity", "off")), "disconnected, offline");
        v.Add(State(BinaryClass("heat", "on")), "hot, overheating, overheated");
        v.Add(State(BinaryClass("cold", "on")), "cold, freezing, frozen");
        v.Add(State(BinaryClass("plug", "on")), "plugged in, plugged");
        v.Add(State(BinaryClass("plug", "off")), "unplugged");
        v.Add(State(BinaryClass("running", "on")), "running, working, operating, in use");
        v.Add(State([.. BinaryClass("presence", "on"), new(DeviceDomains.Person, null, "home")]), "home, at home, present");
        v.Add(State([.. BinaryClass("presence", "off"), new(DeviceDomains.Person, null, "not_home")]), "away, gone, not home, not at home");
        v.Add(State(BinaryClass("safety", "off")), "safe");
        v.Add(State(BinaryClass("safety", "on")), "unsafe, dangerous");
        v.Add(State(BinaryClass("update", "on")), "available, update available, updates available");
        v.Add(State(BinaryClass("update", "off")), "up to date, up-to-date, current");
        v.Add(State(BinaryClass("moisture", "on")), "wet, flooded, leaking");
        v.Add(State(BinaryClass("moisture", "off")), "dry");
        v.Add(State(BinaryClass("vibration", "on")), "vibrating, shaking");
        v.Add(State(BinaryClass("occupancy", "on")), "occupied");
        v.Add(State(BinaryClass("occupancy", "off")), "unoccupied, empty room");
    }

    private static void AddQuestions(VocabularyBuilder v)
    {
        v.Add(Of(LexKind.Quantifier, "which"), "which, which of, which ones");
        v.Add(Of(LexKind.Quantifier, "count"), "how many, how many of, number of, count of");
        v.Add(Of(LexKind.Quantifier, "all"), "all, all of, every, each, each and every, every single, all the, both");
        v.Add(Of(LexKind.Quantifier, "any"), "any, any of, some");
        v.Add(Of(LexKind.Question), "is, are, was, were, do, does, did, has, have, what's, whats, what is, how, how is, how's, tell me, let me know, show me, check, i'd like to know, i want to know, where, where is, where's, when, when is, whether, if, who");
        v.Add(Of(LexKind.Exist), "is there, are there, is there any, are there any, there is, there are, do i have any, do we have any");
        v.Add(Of(LexKind.Status), "state, status, value, reading, current value, level, amount, concentration, indicated by, measured by");
        v.Add(Of(LexKind.TemperatureFeel), "how warm, how hot, how cold, how cool, warm, chilly");
        v.Add(Of(LexKind.TimeQuestion), "what time, the time, current time, time is it, what's the time, time now");
        v.Add(Of(LexKind.DateQuestion), "what date, the date, date, what day, which day, date today, day is it, day of the week, date is it");
    }

    private static void AddSettings(VocabularyBuilder v)
    {
        v.Add(Of(LexKind.Attribute, "brightness"), "brightness, brightness level, light level, intensity");
        v.Add(Of(LexKind.Attribute, "color"), "color, colour, hue");
        v.Add(Of(LexKind.Attribute, "temperature"), "temperature, temp, target temperature, setpoint");
        v.Add(Of(LexKind.Attribute, "position"), "position, opening level");
        v.Add(Of(LexKind.Attribute, "volume"), "volume, volume level, sound level, loudness");
        v.Add(Of(LexKind.Extreme, "max"), "max, maximum, highest, full, brightest, full brightness, the max, the maximum, the highest, 100 percent");
        v.Add(Of(LexKind.Extreme, "min"), "min, minimum, lowest, dimmest, the min, the minimum, the lowest");
        v.Add(Of(LexKind.Extreme, "half"), "half, halfway, half way, half open, midway");
        v.Add(Of(LexKind.Extreme, "brighter"), "brighter, more light");
        v.Add(Of(LexKind.Extreme, "dimmer"), "dimmer, darker, less light");
        AddColor(v, "red", "red, crimson, scarlet");
        AddColor(v, "orange", "orange, amber");
        AddColor(v, "yellow", "yellow");
        AddColor(v, "green", "green, lime");
        AddColor(v, "blue", "blue, navy");
        AddColor(v, "purple", "purple, violet, magenta");
        AddColor(v, "pink", "pink");
        AddColor(v, "white", "white, daylight");
        AddColor(v, "warm_white", "warm white, warm");
        AddColor(v, "cyan", "cyan, teal, turquoise");
        v.Add(Of(LexKind.Here), "here, in here, my room, our room, this room, in this room, this space, the room, current room, this area, over here, right here");
        v.Add(Of(LexKind.Everywhere), "everywhere, house, the house, home, the home, whole house, entire house, entire home, the apartment, apartment, every room, all rooms, all the rooms, every area, all areas, throughout, across, all my rooms, all over");
    }

    private static void AddColor(VocabularyBuilder v, string color, string surfaces) => v.Add(Of(LexKind.Color, color), surfaces);

    private static void AddFunctionWords(VocabularyBuilder v)
    {
        v.Add(Of(LexKind.Preposition, "to", 0.6), "to, into");
        v.Add(Of(LexKind.Preposition, "in", 0.6), "in, inside, at, within");
        v.Add(Of(LexKind.Preposition, "of", 0.6), "of, for, from, by");
        v.Add(Function(LexKind.Filler),
            Determiners + ", " + Politeness + ", i want, i'd like, i would like, can i, could i, " +
            "for me, thanks, thank you, hey, ok, okay, just, now, right now, currently, current, the current, me, it, them, that, those, these, this, " +
            "be, been, being, with, and, or, set to, level of, some, percentage, there any, single, also, too, again, quickly, kindly, let's, lets, " +
            "securely, still, yet, already, we, us, i, you, please could you, make sure");
    }
}
