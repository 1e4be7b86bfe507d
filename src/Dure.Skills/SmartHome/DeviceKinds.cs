using Dure.Homes;

namespace Dure.Skills.SmartHome;

/// <summary>What to call a kind of device in an answer when no single device is meant ("조명", "blinds").</summary>
internal static class DeviceKinds
{
    public static string Name(string? domain, string? deviceClass, string language) => language == "ko"
        ? (domain, deviceClass) switch
        {
            (DeviceDomains.Light, _) => "조명",
            (DeviceDomains.Switch, _) => "스위치",
            (DeviceDomains.Fan, _) => "팬",
            (DeviceDomains.Cover, "blind") => "블라인드",
            (DeviceDomains.Cover, "curtain") => "커튼",
            (DeviceDomains.Cover, "shade") => "차양",
            (DeviceDomains.Cover, "garage") => "차고문",
            (DeviceDomains.Cover, "window") => "창문",
            (DeviceDomains.Cover, _) => "블라인드와 커튼",
            (DeviceDomains.Climate, _) => "냉난방기",
            (DeviceDomains.Lock, _) => "도어락",
            (DeviceDomains.Valve, "gas") => "가스 밸브",
            (DeviceDomains.Valve, _) => "밸브",
            (DeviceDomains.MediaPlayer, _) => "미디어 기기",
            (DeviceDomains.Scene, _) => "장면",
            (DeviceDomains.Script, _) => "루틴",
            (DeviceDomains.Vacuum, _) => "청소기",
            (DeviceDomains.Sensor or DeviceDomains.BinarySensor, _) => "센서",
            _ => "기기",
        }
        : (domain, deviceClass) switch
        {
            (DeviceDomains.Light, _) => "lights",
            (DeviceDomains.Switch, _) => "switches",
            (DeviceDomains.Fan, _) => "fans",
            (DeviceDomains.Cover, "blind") => "blinds",
            (DeviceDomains.Cover, "curtain") => "curtains",
            (DeviceDomains.Cover, "shade") => "shades",
            (DeviceDomains.Cover, "garage") => "garage doors",
            (DeviceDomains.Cover, "window") => "windows",
            (DeviceDomains.Cover, _) => "covers",
            (DeviceDomains.Climate, _) => "thermostats",
            (DeviceDomains.Lock, _) => "locks",
            (DeviceDomains.Valve, _) => "valves",
            (DeviceDomains.MediaPlayer, _) => "media players",
            (DeviceDomains.Scene, _) => "scenes",
            (DeviceDomains.Script, _) => "routines",
            (DeviceDomains.Vacuum, _) => "vacuums",
            (DeviceDomains.Sensor or DeviceDomains.BinarySensor, _) => "sensors",
            _ => "devices",
        };
}
