namespace Dure.Homes.Tests;

/// <summary>Editing a home file's text: many devices in one edit, all or nothing.</summary>
public sealed class HomeFileEditorTests
{
    private const string Home = """
        id: unit-1
        name: 1203호
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
        devices:
          - id: speaker
            domain: assist_satellite
            area: living_room
            names: { ko: [거실 스피커] }
        """;

    private static Dictionary<string, object?> Device(string id, string? area = "living_room", string name = "조명") => new(StringComparer.Ordinal)
    {
        ["id"] = id,
        ["area"] = area,
        ["names"] = new Dictionary<string, object?> { ["ko"] = new List<object?> { name } },
    };

    [Fact]
    public void Many_devices_are_added_in_one_edit_keeping_what_was_there()
    {
        var text = HomeFileEditor.AddDevices(Home, "unit-1",
            [Device("light.a", name: "거실 조명"), Device("switch.b", area: null, name: "on"), Device("fan.c", name: "선풍기")]);

        var home = HomeFile.Parse(text, "unit-1");
        Assert.Equal(["speaker", "light.a", "switch.b", "fan.c"], home.Devices.Select(d => d.Id));
        Assert.Equal("1203호", home.Name);
        Assert.Equal("living_room", home.FindDevice("light.a")!.AreaId);
        Assert.Equal("light", home.FindDevice("light.a")!.Domain);
        Assert.Equal("on", home.FindDevice("switch.b")!.Names.All.Single().Text); // stays a string, not YAML's true
    }

    [Fact]
    public void A_taken_or_repeated_id_fails_the_whole_edit()
    {
        var taken = Assert.Throws<HomeFileException>(() => HomeFileEditor.AddDevices(Home, "unit-1", [Device("light.a"), Device("speaker")]));
        Assert.Contains("'speaker'", taken.Message, StringComparison.Ordinal);

        var repeated = Assert.Throws<HomeFileException>(() => HomeFileEditor.AddDevices(Home, "unit-1", [Device("light.a"), Device("light.a")]));
        Assert.Contains("'light.a'", repeated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_in_an_unknown_area_fails_the_whole_edit()
    {
        var error = Assert.Throws<HomeFileException>(() => HomeFileEditor.AddDevices(Home, "unit-1", [Device("light.a"), Device("light.b", area: "attic")]));

        Assert.Contains("attic", error.Message, StringComparison.Ordinal);
    }
}
