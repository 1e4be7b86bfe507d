namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The homes the scenario tests talk to: the sample homes of samples/homes (hotel room, truck, IPTV household) with
/// device tokens added, and small homes written here for the apartment, conversations, clock and weather. Each test
/// class has homes of its own, so classes that run in parallel never share a device, a state or a conversation.
/// </summary>
internal static class ScenarioHomes
{
    public const string Apartment = "scenario-apartment";
    public const string Dialog = "scenario-dialog";
    public const string Weather = "scenario-weather";
    public const string Clock = "scenario-clock";

    /// <summary>The ids the sample files give their homes.</summary>
    public const string Hotel = "dure-hotel-1203";
    public const string Truck = "fleet-truck-17";
    public const string Iptv = "iptv-home-42";

    /// <summary>Tenants that have a partner API key on the scenario server; <see cref="OtherTenant"/> owns no home.</summary>
    public const string ApartmentTenant = "dure-apartments";
    public const string HotelTenant = "dure-hotel";
    public const string OtherTenant = "other-partner";

    /// <summary>Speakers per written home: more than any test class uses, one per test.</summary>
    public const int SpeakerCount = 10;

    /// <summary>Writes every home file into <paramref name="directory"/> and returns them with their devices' tokens.</summary>
    public static HomeFiles Write(string directory)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var tokens = new Dictionary<(string, string), string>();
        string Token(string home, string device) => tokens[(home, device)] = $"{home}-{device}-{tag}";

        List<string> paths =
        [
            WriteFile(directory, Apartment, ApartmentYaml(Token)),
            WriteFile(directory, Dialog, DialogYaml(Token)),
            WriteFile(directory, Weather, WeatherYaml(Token)),
            WriteFile(directory, Clock, ClockYaml(Token)),
            WriteFile(directory, Hotel, Sample("hotel-room.yaml", device => Token(Hotel, device), "speaker")),
            WriteFile(directory, Truck, Sample("truck.yaml", device => Token(Truck, device), "driver-app")),
            WriteFile(directory, Iptv, Sample("settop-home.yaml", device => Token(Iptv, device), "media_player.settop", "speaker")),
        ];
        return new HomeFiles(paths, tokens);
    }

    /// <summary>A sample home file with a <c>token:</c> added to each of <paramref name="devices"/>.</summary>
    public static string Sample(string file, Func<string, string> token, params string[] devices)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", file)).ToList();
        foreach (var device in devices)
        {
            var at = lines.FindIndex(l => l.Trim() == $"- id: {device}");
            if (at < 0)
            {
                throw new InvalidOperationException($"{file} has no device '{device}'");
            }

            var indent = lines[at + 1][..(lines[at + 1].Length - lines[at + 1].TrimStart().Length)];
            lines.Insert(at + 1, $"{indent}token: {token(device)}");
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A weather file for the embedded provider: the scenarios check that the server answers from it.</summary>
    public static string WriteWeatherFile(string directory)
    {
        var path = Path.Combine(directory, "weather.json");
        File.WriteAllText(path, """
            {
              "places": [
                {
                  "name": "두레시", "englishName": "Dure City", "aliases": ["두레"], "latitude": 36.5, "longitude": 127.5,
                  "days": [
                    { "day": 0, "condition": "clear", "low": 3, "high": 11, "now": 7, "rainChance": 10, "fineDust": 25 },
                    { "day": 1, "condition": "rain", "low": 5, "high": 9, "rainChance": 80, "fineDust": 12 }
                  ]
                },
                {
                  "name": "부산", "englishName": "Busan", "latitude": 35.18, "longitude": 129.08,
                  "days": [ { "day": 0, "condition": "cloudy", "low": 8, "high": 15, "rainChance": 30, "fineDust": 95 } ]
                }
              ]
            }
            """);
        return path;
    }

    private static string WriteFile(string directory, string home, string yaml)
    {
        var path = Path.Combine(directory, $"{home}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Speakers(Func<string, string, string> token, string home, string prefix, string area, string korean, string english) =>
        string.Concat(Enumerable.Range(1, SpeakerCount).Select(i => $$"""
              - id: {{prefix}}{{i}}
                domain: assist_satellite
                area: {{area}}
                token: {{token(home, $"{prefix}{i}")}}
                names: { ko: [{{korean}} {{i}}], en: [{{english}} {{i}}] }

            """));

    private static string ApartmentYaml(Func<string, string, string> token) => $$"""
        id: {{Apartment}}
        name: 두레 아파트 102동 801호
        tenant: {{ApartmentTenant}}
        language: ko
        time_zone: Asia/Seoul
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
          - id: kitchen
            names: { ko: [주방], en: [Kitchen] }
          - id: entrance
            names: { ko: [현관], en: [Entrance] }
        devices:
          - id: hub
            domain: assist_satellite
            area: living_room
            gateway: true
            token: {{token(Apartment, "hub")}}
            names: { ko: [월패드], en: [Wall Pad] }
        {{Speakers(token, Apartment, "a", "kitchen", "주방 스피커", "Kitchen Speaker")}}
          - id: valve.gas
            area: kitchen
            device_class: gas
            names: { ko: [가스 밸브, 가스], en: [Gas Valve] }
            state: open
          - id: lock.front_door
            area: entrance
            names: { ko: [현관문, 도어락], en: [Front Door, door lock] }
            state: locked

        """;

    private static string DialogYaml(Func<string, string, string> token) => $$"""
        id: {{Dialog}}
        name: 대화 시험 집
        language: ko
        time_zone: Asia/Seoul
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
          - id: bedroom
            names: { ko: [침실, 안방], en: [Bedroom] }
          - id: study
            names: { ko: [서재], en: [Study] }
          - id: bathroom
            names: { ko: [욕실], en: [Bathroom] }
        devices:
          - id: hub
            domain: assist_satellite
            area: living_room
            gateway: true
            token: {{token(Dialog, "hub")}}
            names: { ko: [월패드], en: [Wall Pad] }
        {{Speakers(token, Dialog, "d", "living_room", "거실 스피커", "Living Room Speaker")}}
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명, 거실 불], en: [Living Room Light] }
            state: "off"
          - id: light.bedroom
            area: bedroom
            names: { ko: [침실 조명, 침실 불], en: [Bedroom Light] }
            state: "off"
          - id: light.bedroom_stand
            area: bedroom
            names: { ko: [스탠드], en: [Lamp] }
            state: "off"
          - id: light.study_stand
            area: study
            names: { ko: [스탠드], en: [Lamp] }
            state: "off"
          - id: climate.air_conditioner
            area: living_room
            names: { ko: [에어컨], en: [Air Conditioner] }
            state: "off"
            attributes: { temperature: 24, current_temperature: 26, hvac_mode: cool }
          - id: fan.bathroom
            area: bathroom
            names: { ko: [욕실 환풍기, 환풍기], en: [Bathroom Fan] }
            state: "off"

        """;

    private static string WeatherYaml(Func<string, string, string> token) => $$"""
        id: {{Weather}}
        name: 날씨 시험 집
        language: ko
        time_zone: Asia/Seoul
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
        devices:
        {{Speakers(token, Weather, "w", "living_room", "거실 스피커", "Living Room Speaker")}}
        services:
          location: { name: 두레시, latitude: 36.5, longitude: 127.5 }

        """;

    private static string ClockYaml(Func<string, string, string> token) => $$"""
        id: {{Clock}}
        name: 시계 시험 집
        language: ko
        time_zone: Asia/Seoul
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
          - id: kitchen
            names: { ko: [주방], en: [Kitchen] }
        devices:
          - id: hub
            domain: assist_satellite
            area: living_room
            gateway: true
            token: {{token(Clock, "hub")}}
            names: { ko: [월패드], en: [Wall Pad] }
        {{Speakers(token, Clock, "c", "kitchen", "주방 스피커", "Kitchen Speaker")}}
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명, 거실 불], en: [Living Room Light] }
            state: "off"
          - id: light.kitchen
            area: kitchen
            names: { ko: [주방 조명, 주방 불], en: [Kitchen Light] }
            state: "off"

        """;
}

/// <summary>Home files on disk and each device's token by (home id, device id).</summary>
internal sealed record HomeFiles(IReadOnlyList<string> Paths, IReadOnlyDictionary<(string Home, string Device), string> Tokens)
{
    public string Token(string home, string device) => Tokens[(home, device)];
}
