using System.Collections.Immutable;
using Dure.Homes;
using Dure.Understanding;
using static Dure.Skills.Phrases;

namespace Dure.Skills.SmartHome;

/// <summary>
/// Controls and reports on the home's devices: on/off, lights, temperature, covers and valves, locks, and
/// questions about state. Commands go to the devices; answers are short 해요체 or plain English.
/// </summary>
internal sealed class HomeSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("home.", StringComparison.Ordinal);

    public ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Intent switch
    {
        Intents.TurnOn => Control(request, on: true),
        Intents.TurnOff => Control(request, on: false),
        Intents.LightSet => SetLight(request),
        Intents.ClimateSetTemperature => SetTemperature(request),
        Intents.SetPosition => SetPosition(request),
        Intents.ClimateGetTemperature => Temperature(request),
        Intents.GetState => State(request),
        _ => request.Say("그건 아직 할 수 없어요.", "I can't do that yet."),
    });

    private static TurnOutcome Control(SkillRequest request, bool on)
    {
        // "켜줘", "거실 켜줘": nothing of a kind was named, so ask rather than switch everything.
        if (request.Parse["name"] is null && request.Parse["domain"] is null && request.Parse.UnknownName is null)
        {
            return request.Choose(on ? "무엇을 켤까요?" : "무엇을 끌까요?", on ? "What should I turn on?" : "What should I turn off?");
        }

        var targets = Targets.Find(request, readOnlyToo: false);
        if (targets.Problem != TargetProblem.None)
        {
            return Problem(request, targets, on ? "켤까요" : "끌까요", on ? "turn on" : "turn off");
        }

        // Opening a valve (gas) or unlocking a door happens only after a spoken yes; closing one happens at once.
        var risky = targets.Devices.Where(d => (on && d.Domain == DeviceDomains.Valve) || (!on && d.Domain == DeviceDomains.Lock)).ToList();
        if (risky.Count > 0 && !request.Confirmed)
        {
            var what = What(request, risky);
            return on
                ? request.Confirm($"{Eul(what)} 열까요?", $"Should I open {WhatEnglish(request, risky)}?")
                : request.Confirm($"{what} 잠금을 해제할까요?", $"Should I unlock {WhatEnglish(request, risky)}?");
        }

        return Act(request, targets.Devices, (d, s) => on ? Actuation.TurnOn(d, s) : Actuation.TurnOff(d, s), devices =>
        {
            var domain = devices.Select(d => d.Domain).Distinct().Count() == 1 ? devices[0].Domain : null;
            var (korean, english) = (domain, on) switch
            {
                (DeviceDomains.Cover, true) => ("열었어요", "Opened"),
                (DeviceDomains.Cover, false) => ("닫았어요", "Closed"),
                (DeviceDomains.Valve, true) => ("열었어요", "Opened"),
                (DeviceDomains.Valve, false) => ("잠갔어요", "Closed"),
                (DeviceDomains.Lock, true) => ("잠갔어요", "Locked"),
                (DeviceDomains.Lock, false) => ("잠금을 해제했어요", "Unlocked"),
                (DeviceDomains.Scene or DeviceDomains.Script, true) => ("실행했어요", "Activated"),
                (_, true) => ("켰어요", "Turned on"),
                (_, false) => ("껐어요", "Turned off"),
            };
            return domain == DeviceDomains.Lock && !on
                ? (korean: $"{What(request, devices)} {korean}", english: $"{english} {WhatEnglish(request, devices)}.")
                : (korean: $"{Eul(What(request, devices))} {All(devices)}{korean}", english: $"{english} {WhatEnglish(request, devices)}.");
        });
    }

    private static TurnOutcome SetLight(SkillRequest request)
    {
        var targets = Targets.Find(request, readOnlyToo: false, DeviceDomains.Light);
        if (targets.Problem != TargetProblem.None)
        {
            return Problem(request, targets, "바꿀까요", "change");
        }

        var brightness = request.Parse.Number("brightness");
        var color = request.Parse.Text("color");
        return Act(request, targets.Devices, (d, s) => Actuation.SetLight(d, s, brightness, color), devices =>
        {
            var what = What(request, devices);
            var (koreanColor, englishColor) = color is null ? (null, null) : Colors.Name(color);
            var korean = (brightness, koreanColor) switch
            {
                (0, _) => $"{Eul(what)} {All(devices)}껐어요",
                ({ } b, null) => $"{what} 밝기를 {Ro($"{Number(b)}%")} 맞췄어요",
                (null, { } c) => $"{Eul(what)} {Ro(c)} 바꿨어요",
                ({ } b, { } c) => $"{what} 밝기를 {Number(b)}%, 색을 {Ro(c)} 바꿨어요",
                (null, null) => $"{Eul(what)} {All(devices)}켰어요",
            };
            var english = (brightness, englishColor) switch
            {
                (0, _) => $"Turned off {WhatEnglish(request, devices)}.",
                ({ } b, null) => $"Set {WhatEnglish(request, devices)} to {Number(b)}% brightness.",
                (null, { } c) => $"Changed {WhatEnglish(request, devices)} to {c}.",
                ({ } b, { } c) => $"Set {WhatEnglish(request, devices)} to {c} at {Number(b)}% brightness.",
                (null, null) => $"Turned on {WhatEnglish(request, devices)}.",
            };
            return (korean, english);
        });
    }

    private static TurnOutcome SetTemperature(SkillRequest request)
    {
        var targets = Targets.Find(request, readOnlyToo: false, DeviceDomains.Climate);
        if (targets.Problem != TargetProblem.None)
        {
            return Problem(request, targets, "맞출까요", "set");
        }

        if (request.Parse.Number("temperature") is not { } temperature)
        {
            return request.Ask("몇 도로 맞출까요?", "What temperature should I set?", "temperature");
        }

        var device = targets.Devices[0];
        var (min, max) = (request.Turn.States.GetValueOrDefault(device.Id)?.Number("min_temp") ?? 5, request.Turn.States.GetValueOrDefault(device.Id)?.Number("max_temp") ?? 35);
        if (temperature < min || temperature > max)
        {
            return request.Say($"온도는 {Number(min)}도에서 {Number(max)}도 사이로 맞출 수 있어요.",
                $"I can set the temperature between {Number(min)} and {Number(max)} degrees.");
        }

        return Act(request, targets.Devices, (d, s) => Actuation.SetTemperature(d, s, temperature), devices =>
            ($"{What(request, devices)} 온도를 {Ro($"{Number(temperature)}도")} 맞췄어요",
             $"Set {WhatEnglish(request, devices)} to {Number(temperature)} degrees."));
    }

    private static TurnOutcome SetPosition(SkillRequest request)
    {
        var targets = Targets.Find(request, readOnlyToo: false, fits: d => d.Domain is DeviceDomains.Cover or DeviceDomains.Valve);
        if (targets.Problem != TargetProblem.None)
        {
            return Problem(request, targets, "움직일까요", "move");
        }

        var position = request.Parse.Number("position") ?? 0;

        // Opening a valve part way still lets gas through: it waits for a yes like opening it fully.
        var valves = targets.Devices.Where(d => d.Domain == DeviceDomains.Valve).ToList();
        if (position > 0 && valves.Count > 0 && !request.Confirmed)
        {
            return request.Confirm($"{Eul(What(request, valves))} {Number(position)}% 열까요?",
                $"Should I open {WhatEnglish(request, valves)} to {Number(position)}%?");
        }

        return Act(request, targets.Devices, (d, s) => Actuation.SetPosition(d, s, position), devices => position switch
        {
            0 => ($"{Eul(What(request, devices))} {All(devices)}닫았어요", $"Closed {WhatEnglish(request, devices)}."),
            100 => ($"{Eul(What(request, devices))} {All(devices)}활짝 열었어요", $"Opened {WhatEnglish(request, devices)} all the way."),
            _ => ($"{Eul(What(request, devices))} {Number(position)}% 열었어요", $"Opened {WhatEnglish(request, devices)} to {Number(position)}%."),
        });
    }

    private static TurnOutcome Temperature(SkillRequest request)
    {
        var targets = Targets.Find(request, readOnlyToo: true, fits: d =>
            d.Domain == DeviceDomains.Climate || (d.Domain == DeviceDomains.Sensor && d.DeviceClass == "temperature"));
        if (targets.Problem != TargetProblem.None)
        {
            return Problem(request, targets, "알려드릴까요", "check");
        }

        var readings = targets.Devices
            .Select(d => (Device: d, Value: Reading(request, d)))
            .Where(r => r.Value is not null)
            .GroupBy(r => r.Device.AreaId)
            .Select(g => (Area: g.Key, Value: g.Average(r => r.Value!.Value)))
            .ToList();
        if (readings.Count == 0)
        {
            return request.Say("지금은 온도를 알 수 없어요.", "I don't have a temperature reading right now.");
        }

        var named = request.Parse.DeviceIds.Length == 1 ? targets.Devices[0].Names.Display(request.Language, targets.Devices[0].Id) : null;
        if (readings.Count == 1)
        {
            var place = named ?? AreaName(request, readings[0].Area) ?? (request.Korean ? "집 안" : "home");
            var value = Number(readings[0].Value);
            return request.Say($"{place} 온도는 {Ieyo($"{value}도")}.", $"It's {value} degrees in the {place}.");
        }

        var list = readings.Select(r => (Place: AreaName(request, r.Area) ?? "?", Value: Number(r.Value))).ToList();
        return request.Say(
            $"{string.Join(", ", list.Take(list.Count - 1).Select(r => $"{r.Place} {r.Value}도"))}, {list[^1].Place} {Ieyo($"{list[^1].Value}도")}.",
            $"It's {string.Join(", ", list.Select(r => $"{r.Value} degrees in the {r.Place}"))}.");
    }

    private static double? Reading(SkillRequest request, Device device)
    {
        var state = StateOf(request, device);
        return device.Domain == DeviceDomains.Climate ? state.Number("current_temperature") : state.NumericValue;
    }

    private static TurnOutcome State(SkillRequest request)
    {
        var targets = Targets.Find(request, readOnlyToo: true);
        if (targets.Problem != TargetProblem.None)
        {
            return Problem(request, targets, "확인할까요", "check");
        }

        var asked = request.Parse.Text("state");
        var devices = targets.Devices;
        if (devices.Count == 1)
        {
            var device = devices[0];
            var state = StateOf(request, device);
            var name = NameOf(request, device);
            var said = StateWords.Describe(device, state);
            if (state.Value == Unavailable)
            {
                // Its network says it is offline: what it last reported may no longer be true.
                return request.Say($"{Eun(name)} 지금 응답하지 않아서 상태를 알 수 없어요.", $"The {name} isn't responding right now, so I can't tell its state.");
            }

            if (asked is null)
            {
                return request.Say($"{Eun(name)} {said.Predicate}.", $"The {name} is {said.English}.");
            }

            return state.Value == asked
                ? request.Say($"네, {Eun(name)} {said.Predicate}.", $"Yes, the {name} is {said.English}.")
                : request.Say($"아니요, {Eun(name)} {said.Predicate}.", $"No, the {name} is {said.English}.");
        }

        var domain = devices.Select(d => d.Domain).Distinct().Count() == 1 ? devices[0].Domain : null;
        var kind = DeviceKinds.Name(domain, request.Parse.Text("device_class"), request.Language);
        if (asked is null)
        {
            var states = devices.Select(d => $"{d.Names.Display(request.Language, d.Id)} {StateWords.Describe(d, StateOf(request, d)).Predicate.TrimEnd('.')}");
            return request.Say(string.Join(", ", states) + ".", string.Join("; ", devices.Select(d => $"the {d.Names.Display("en", d.Id)} is {StateWords.Describe(d, StateOf(request, d)).English}")) + ".");
        }

        var phrase = StateWords.Describe(domain ?? devices[0].Domain, request.Parse.Text("device_class") ?? devices[0].DeviceClass, asked);
        var matching = devices.Where(d => StateOf(request, d).Value == asked).ToList();
        var names = matching.Select(d => d.Names.Display(request.Language, d.Id)).ToList();
        return request.Parse.Quantifier switch
        {
            "count" => matching.Count == 0
                ? request.Say($"{phrase.Adnominal} {I(kind)} 없어요.", $"No {kind} are {phrase.English}.")
                : request.Say($"{kind} {matching.Count}개가 {phrase.Predicate}.", $"{matching.Count} {kind} are {phrase.English}."),
            "all" => matching.Count == devices.Count
                ? request.Say($"네, 모두 {phrase.Predicate}.", $"Yes, all {kind} are {phrase.English}.")
                : request.Say($"아니요, {Eun(List(devices.Except(matching).Select(d => d.Names.Display("ko", d.Id)), "ko"))} 그렇지 않아요.",
                    $"No, {List(devices.Except(matching).Select(d => d.Names.Display("en", d.Id)), "en")} {(devices.Count - matching.Count == 1 ? "is" : "are")} not."),
            _ => matching.Count == 0
                ? request.Say($"{phrase.Adnominal} {I(kind)} 없어요.", $"No {kind} are {phrase.English}.")
                : request.Say($"{I(List(names, "ko"))} {phrase.Predicate}.", $"{Capitalize(List(names, "en"))} {(matching.Count == 1 ? "is" : "are")} {phrase.English}."),
        };
    }

    /// <summary>Applies one actuation to every target and answers with the sentence built for them.</summary>
    private static TurnOutcome Act(SkillRequest request, IReadOnlyList<Device> devices,
        Func<Device, DeviceState, (DeviceCommand Command, DeviceState State)> actuate,
        Func<IReadOnlyList<Device>, (string Korean, string English)> sentence)
    {
        // A device its network reports offline cannot obey: say so rather than pretend.
        var offline = devices.Where(d => StateOf(request, d).Value == Unavailable).ToList();
        if (offline.Count == devices.Count)
        {
            return request.Say(NotResponding(request, offline, "ko"), NotResponding(request, offline, "en"));
        }

        devices = offline.Count == 0 ? devices : [.. devices.Except(offline)];
        var commands = ImmutableArray.CreateBuilder<DeviceCommand>(devices.Count);
        var changes = ImmutableDictionary.CreateBuilder<string, DeviceState>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            var (command, state) = actuate(device, StateOf(request, device));
            commands.Add(command);
            changes[device.Id] = state;
        }

        var (korean, english) = sentence(devices);
        var text = request.Korean ? (korean.EndsWith('.') ? korean : korean + ".") : english;
        if (offline.Count > 0)
        {
            text += " " + NotResponding(request, offline, request.Language);
        }

        return new TurnOutcome(new Speech(text, request.Language), commands.ToImmutable(), changes.ToImmutable(), request.Intent);
    }

    /// <summary>The state a device is in while its network reports it offline (Home Assistant's word).</summary>
    private const string Unavailable = "unavailable";

    private static string NotResponding(SkillRequest request, IReadOnlyList<Device> devices, string language) => language == "ko"
        ? $"{Eun(What(request, devices))} 지금 응답하지 않아요. 연결 상태를 확인해 주세요."
        : $"{Capitalize(WhatEnglish(request, devices))} {(devices.Count == 1 ? "isn't" : "aren't")} responding right now. Please check {(devices.Count == 1 ? "its" : "their")} connection.";

    private static TurnOutcome Problem(SkillRequest request, Targets targets, string koreanVerb, string englishVerb)
    {
        var parse = request.Parse;
        var kind = DeviceKinds.Name(parse.Text("domain"), parse.Text("device_class"), request.Language);
        var area = AreaName(request, parse.Text("area"));
        switch (targets.Problem)
        {
            case TargetProblem.UnknownName:
                var name = parse.UnknownName!;
                var rooms = List(request.Home.Areas.Select(a => a.Names.Display(request.Language, a.Id)), request.Language);
                return request.Say($"{Called(name)} 곳이나 기기를 찾지 못했어요. 이 집에는 {I(rooms)} 있어요.",
                    $"I couldn't find anything called {name}. This home has the {rooms}.");
            case TargetProblem.Ambiguous:
                var choices = targets.Devices.Select(d => Distinct(request, d, targets.Devices)).ToList();
                return request.Choose($"어느 {Eul(kind)} {koreanVerb}? {List(choices, "ko")} 중에서 말씀해 주세요.",
                    $"Which one should I {englishVerb}: {List(choices, "en").Replace(" and ", " or ", StringComparison.Ordinal)}?");
            default:
                return area is null
                    ? request.Say($"이 집에는 {I(kind)} 없어요.", $"There are no {kind} in this home.")
                    : request.Say($"{area}에는 {I(kind)} 없어요.", $"There are no {kind} in the {area}.");
        }
    }

    /// <summary>"서재라는", "욕실이라는": the quoting form that follows the name's final sound.</summary>
    private static string Called(string name) => name + (I(name).EndsWith('이') ? "이라는" : "라는");

    /// <summary>A device's name, with its room when another candidate has the same name.</summary>
    private static string Distinct(SkillRequest request, Device device, IReadOnlyList<Device> all)
    {
        var name = device.Names.Display(request.Language, device.Id);
        var clash = all.Count(d => d.Names.Display(request.Language, d.Id) == name) > 1;
        return clash && AreaName(request, device.AreaId) is { } area ? $"{area} {name}" : name;
    }

    /// <summary>What was acted on, in Korean: the device's name, or the room and kind for several.</summary>
    private static string What(SkillRequest request, IReadOnlyList<Device> devices)
    {
        if (devices.Count == 1)
        {
            return Unique(request, devices[0], NameOf(request, devices[0], "ko"), "ko");
        }

        var kind = Kind(devices, "ko");
        var areas = devices.Select(d => d.AreaId).Distinct().ToList();
        return areas.Count == 1 && AreaName(request, areas[0], "ko") is { } area ? $"{area} {kind}" : $"집 안의 {kind}";
    }

    private static string WhatEnglish(SkillRequest request, IReadOnlyList<Device> devices)
    {
        if (devices.Count == 1)
        {
            return $"the {Unique(request, devices[0], NameOf(request, devices[0], "en"), "en")}";
        }

        var kind = Kind(devices, "en");
        var areas = devices.Select(d => d.AreaId).Distinct().ToList();
        return areas.Count == 1 && AreaName(request, areas[0], "en") is { } area
            ? $"{devices.Count} {kind} in the {area}"
            : $"all {devices.Count} {kind}";
    }

    /// <summary>
    /// "서재 스탠드" rather than "스탠드" when another device of the home has the same name, so the answer says which
    /// one was acted on (after "어느 조명을 켤까요?" → "서재").
    /// </summary>
    private static string Unique(SkillRequest request, Device device, string name, string language)
    {
        var clash = request.Home.Devices.Any(d => d.Id != device.Id && d.Names.In(language).Contains(name, StringComparer.OrdinalIgnoreCase));
        return clash && AreaName(request, device.AreaId, language) is { } area && !name.StartsWith(area, StringComparison.OrdinalIgnoreCase)
            ? $"{area} {name}"
            : name;
    }

    private static string Kind(IReadOnlyList<Device> devices, string language)
    {
        var domain = devices.Select(d => d.Domain).Distinct().Count() == 1 ? devices[0].Domain : null;
        var deviceClass = devices.Select(d => d.DeviceClass).Distinct().Count() == 1 ? devices[0].DeviceClass : null;
        return DeviceKinds.Name(domain, deviceClass, language);
    }

    /// <summary>
    /// A device's name in an answer: the name the user said when it is one of the device's names ("현관문은 잠겨
    /// 있어요" after "현관문 잠겼어?"), else the device's first name in the language.
    /// </summary>
    private static string NameOf(SkillRequest request, Device device, string? language = null)
    {
        language ??= request.Language;
        var said = request.Parse["name"]?.Spoken;
        return said is not null && request.Parse.DeviceIds.Length == 1 && device.Names.In(language).Contains(said, StringComparer.OrdinalIgnoreCase)
            ? said
            : device.Names.Display(language, device.Id);
    }

    /// <summary>"모두 " when several devices were acted on: "거실 조명을 모두 켰어요".</summary>
    private static string All(IReadOnlyList<Device> devices) => devices.Count > 1 ? "모두 " : "";

    private static string? AreaName(SkillRequest request, string? areaId, string? language = null) =>
        request.Home.FindArea(areaId)?.Names.Display(language ?? request.Language, areaId!);

    private static DeviceState StateOf(SkillRequest request, Device device) =>
        request.Turn.States.TryGetValue(device.Id, out var state) ? state : device.InitialState;
}
