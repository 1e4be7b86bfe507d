using Dure.Homes;

namespace Dure.Skills.SmartHome;

/// <summary>How a state is said: a Korean predicate and its adnominal form, and an English phrase.</summary>
internal readonly record struct StatePhrase(string Predicate, string Adnominal, string English);

/// <summary>
/// Words for device states in answers: "현관문은 잠겨 있어요", "켜져 있는 조명이 없어요", "The front door is locked".
/// Binary sensors use their device class ("감지됐어요" for a smoke sensor that is on).
/// </summary>
internal static class StateWords
{
    private static readonly HashSet<string> Detectors =
        new(["gas", "smoke", "carbon_monoxide", "motion", "occupancy", "sound", "vibration", "moisture", "tamper", "light"], StringComparer.Ordinal);

    public static StatePhrase Describe(Device device, DeviceState state) => Describe(device.Domain, device.DeviceClass, state.Value, state);

    public static StatePhrase Describe(string domain, string? deviceClass, string value, DeviceState? state = null) => (domain, value) switch
    {
        (DeviceDomains.Lock, "locked") => new("잠겨 있어요", "잠겨 있는", "locked"),
        (DeviceDomains.Lock, "unlocked") => new("잠금이 풀려 있어요", "잠금이 풀린", "unlocked"),
        (DeviceDomains.Cover or DeviceDomains.Valve, "open") => new("열려 있어요", "열려 있는", "open"),
        (DeviceDomains.Valve, "closed") => new("잠겨 있어요", "잠겨 있는", "closed"),
        (DeviceDomains.Cover, "closed") => new("닫혀 있어요", "닫혀 있는", "closed"),
        (DeviceDomains.Climate, not ("off" or "unknown" or "unavailable")) => Running(state),
        (DeviceDomains.Person, "home") => new("집에 있어요", "집에 있는", "at home"),
        (DeviceDomains.Person, "not_home") => new("외출 중이에요", "외출 중인", "away"),
        (DeviceDomains.BinarySensor, "on" or "off") => Binary(deviceClass, value == "on"),
        (DeviceDomains.Sensor, _) => Measurement(value, state),
        (_, "on") => new("켜져 있어요", "켜져 있는", "on"),
        (_, "off") => new("꺼져 있어요", "꺼져 있는", "off"),
        (_, "unavailable") => new("지금 응답하지 않아요", "응답하지 않는", "not responding right now"),
        (_, "unknown" or "") => new("상태를 알 수 없어요", "상태를 알 수 없는", "unknown"),
        _ => new(Phrases.Ieyo(value), value, value),
    };

    /// <summary>A heating or cooling device that is on, with the temperature it is set to when known.</summary>
    private static StatePhrase Running(DeviceState? state) => state?.Number("temperature") is { } target
        ? new($"켜져 있고 {Phrases.Number(target)}도로 맞춰져 있어요", "켜져 있는", $"on, set to {Phrases.Number(target)} degrees")
        : new("켜져 있어요", "켜져 있는", "on");

    private static StatePhrase Measurement(string value, DeviceState? state)
    {
        var unit = state?.Text("unit_of_measurement") ?? "";
        var reading = unit.Length == 0 ? value : $"{value}{(unit.StartsWith('°') || unit == "%" ? "" : " ")}{unit}";
        return new(Phrases.Ieyo(reading), reading, reading);
    }

    private static StatePhrase Binary(string? deviceClass, bool on) => deviceClass switch
    {
        "battery" => on ? new("배터리가 부족해요", "배터리가 부족한", "low on battery") : new("배터리가 정상이에요", "배터리가 정상인", "at a normal battery level"),
        "battery_charging" => on ? new("충전 중이에요", "충전 중인", "charging") : new("충전 중이 아니에요", "충전 중이 아닌", "not charging"),
        "door" or "window" or "opening" or "garage_door" => on ? new("열려 있어요", "열려 있는", "open") : new("닫혀 있어요", "닫혀 있는", "closed"),
        "lock" => on ? new("잠금이 풀려 있어요", "잠금이 풀린", "unlocked") : new("잠겨 있어요", "잠겨 있는", "locked"),
        "connectivity" => on ? new("연결되어 있어요", "연결된", "connected") : new("연결이 끊겨 있어요", "연결이 끊긴", "disconnected"),
        "plug" => on ? new("플러그가 꽂혀 있어요", "플러그가 꽂힌", "plugged in") : new("플러그가 뽑혀 있어요", "플러그가 뽑힌", "unplugged"),
        "presence" => on ? new("집에 있어요", "집에 있는", "home") : new("외출 중이에요", "외출 중인", "away"),
        "running" => on ? new("작동 중이에요", "작동 중인", "running") : new("멈춰 있어요", "멈춰 있는", "not running"),
        "problem" => on ? new("문제가 있어요", "문제가 있는", "reporting a problem") : new("문제가 없어요", "문제가 없는", "OK"),
        "update" => on ? new("업데이트할 수 있어요", "업데이트할 수 있는", "ready to update") : new("최신 상태예요", "최신 상태인", "up to date"),
        "heat" => on ? new("뜨거워요", "뜨거운", "hot") : new("뜨겁지 않아요", "뜨겁지 않은", "not hot"),
        "cold" => on ? new("차가워요", "차가운", "cold") : new("차갑지 않아요", "차갑지 않은", "not cold"),
        "safety" => on ? new("위험해요", "위험한", "unsafe") : new("안전해요", "안전한", "safe"),
        "power" => on ? new("전원이 켜져 있어요", "전원이 켜진", "powered") : new("전원이 꺼져 있어요", "전원이 꺼진", "unpowered"),
        { } c when Detectors.Contains(c) => on ? new("감지됐어요", "감지된", "detecting") : new("감지되지 않았어요", "감지되지 않은", "clear"),
        _ => on ? new("켜져 있어요", "켜져 있는", "on") : new("꺼져 있어요", "꺼져 있는", "off"),
    };
}
