namespace Dure.Server.Tests;

/// <summary>Home files the tests pass to the server with <c>--home</c>; every device that talks carries a token.</summary>
internal static class TestHomes
{
    public const string HomeId = "test-home";
    public const string Gateway = "hub";

    /// <summary>A home with a gateway wall pad (<c>hub</c>), speakers <c>s1</c>..<c>s{speakers}</c> and two lights.</summary>
    public static TestHome Write(string directory, int speakers = 2)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var tokens = new Dictionary<string, string> { [Gateway] = $"hub-{tag}" };
        var speakerEntries = string.Concat(Enumerable.Range(1, speakers).Select(i =>
        {
            tokens[$"s{i}"] = $"s{i}-{tag}";
            return $"""
                  - id: s{i}
                    domain: assist_satellite
                    area: kitchen
                    token: s{i}-{tag}
                    names: {"{"} ko: [주방 스피커 {i}], en: [Kitchen Speaker {i}] {"}"}

                """;
        }));
        var yaml = $"""
            id: {HomeId}
            name: 테스트 집
            language: ko
            areas:
              - id: living_room
                names: {"{"} ko: [거실], en: [Living Room] {"}"}
              - id: kitchen
                names: {"{"} ko: [주방], en: [Kitchen] {"}"}
            devices:
              - id: hub
                domain: assist_satellite
                area: living_room
                gateway: true
                token: hub-{tag}
                names: {"{"} ko: [월패드], en: [Wall Pad] {"}"}
            {speakerEntries}
              - id: light.living_room
                area: living_room
                names: {"{"} ko: [거실 조명, 거실 불, 거실 등], en: [Living Room Light] {"}"}
                state: "off"
                attributes: {"{"} brightness: 100 {"}"}
              - id: light.kitchen
                area: kitchen
                names: {"{"} ko: [주방 조명, 주방 불], en: [Kitchen Light] {"}"}
                state: "off"
                attributes: {"{"} brightness: 100 {"}"}

            """;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"test-home-{tag}.yaml");
        File.WriteAllText(path, yaml);
        return new TestHome(path, tokens);
    }
}

internal sealed record TestHome(string Path, IReadOnlyDictionary<string, string> Tokens);
