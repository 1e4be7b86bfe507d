using Dure.Homes;
using Dure.Testing;

namespace Dure.Homes.Tests;

public class HomeFileTests
{
    [Fact]
    public void Demo_home_has_the_rooms_and_devices_the_brief_names()
    {
        var home = HomeFile.Load(Path.Combine(AppContext.BaseDirectory, "demo-home.yaml"));

        Assert.Equal(["living_room", "kitchen", "bedroom", "bathroom", "entrance"], home.Areas.Select(a => a.Id));
        Assert.Equal("거실", home.FindArea("living_room")!.Names.Display("ko", "?"));
        Assert.Equal("Living Room", home.FindArea("living_room")!.Names.Display("en", "?"));
        Assert.Equal("wallpad", home.Gateway!.Id);
        Assert.Contains(home.Devices, d => d.Domain == DeviceDomains.Valve && d.DeviceClass == "gas");
        Assert.Contains(home.Devices, d => d.Domain == DeviceDomains.Lock);
        Assert.Contains(home.Devices, d => d.Domain == DeviceDomains.Cover && d.DeviceClass == "blind");
        Assert.Equal(2, home.Devices.Count(d => d.Id.Contains("floor_heating", StringComparison.Ordinal)));
        Assert.Equal(100, home.FindDevice("light.living_room")!.InitialState.Number("brightness"));
        Assert.DoesNotContain(home.Controllable, d => d.Id == "wallpad");
    }

    [Fact]
    public void Home_assistant_fixtures_load_with_expanded_names_and_state_out_values()
    {
        var home = HomeFile.Load(Corpora.Path("ha-intents/tests/ko/_fixtures.yaml"));

        var lamp = home.FindDevice("light.living_room_lamp")!;
        Assert.Equal(DeviceDomains.Light, lamp.Domain);
        Assert.Equal("living_room", lamp.AreaId);
        Assert.Equal(["거실 조명", "거실 전등", "거실 등", "거실 불"], lamp.Names.In("ko"));

        var moodLamp = home.FindDevice("light.bedroom_lamp")!;
        Assert.Equal("off", moodLamp.InitialState.Value);

        var curtain = home.FindDevice("cover.curtain_left")!;
        Assert.Equal("curtain", curtain.DeviceClass);
        Assert.Equal(["현관", "출입문", "현관문"], home.FindArea("entrance")!.Names.In("ko"));
    }

    [Fact]
    public void English_fixtures_carry_floors_and_numeric_attributes()
    {
        var home = HomeFile.Load(Corpora.Path("ha-intents/tests/en/_fixtures.yaml"));

        Assert.Equal("first_floor_id", home.FindArea("kitchen_id")!.FloorId);
        Assert.Equal("First Floor", home.FindFloor("first_floor_id")!.Names.Display("en", "?"));
        Assert.Equal(68, home.FindDevice("climate.thermostat")!.InitialState.Number("current_temperature"));
        Assert.Equal("°F", home.FindDevice("sensor.outside_temperature")!.InitialState.Text("unit_of_measurement"));
    }

    [Fact]
    public void Json_home_files_are_read_by_the_same_loader()
    {
        const string json = """
            {"id": "h1", "language": "en",
             "areas": [{"id": "den", "names": {"en": ["Den"], "ko": ["서재"]}}],
             "devices": [{"id": "light.den", "area": "den", "name": "Den Lamp", "state": "on"}]}
            """;
        var home = HomeFile.Parse(json);

        Assert.Equal("h1", home.Id);
        Assert.Equal("서재", home.FindArea("den")!.Names.Display("ko", "?"));
        Assert.Equal("on", home.FindDevice("light.den")!.InitialState.Value);
        Assert.Equal(DeviceDomains.Light, home.FindDevice("light.den")!.Domain);
    }

    [Theory]
    [InlineData("hotel-room.yaml", "hotel")]
    [InlineData("truck.yaml", "location")]
    [InlineData("settop-home.yaml", "tv")]
    public void Sample_homes_load_with_their_service_profiles(string file, string service)
    {
        var home = HomeFile.Load(Path.Combine(AppContext.BaseDirectory, "samples", file));

        Assert.True(home.Services.ContainsKey(service));
        Assert.NotEmpty(home.Devices);
    }

    [Fact]
    public void Service_profiles_become_json_with_numbers_as_numbers()
    {
        var home = HomeFile.Parse("""
            services:
              hotel: { checkout: "11:00", wifi: { network: Guest }, floors: 12, open: true }
            """);

        var hotel = home.Services["hotel"];
        Assert.Equal("11:00", hotel.GetProperty("checkout").GetString());
        Assert.Equal("Guest", hotel.GetProperty("wifi").GetProperty("network").GetString());
        Assert.Equal(12, hotel.GetProperty("floors").GetDouble());
        Assert.True(hotel.GetProperty("open").GetBoolean());
    }

    [Theory]
    [InlineData("areas: [{id: a}, {id: a}]", "two areas share an id")]
    [InlineData("devices: [{id: light.x, area: nowhere}]", "unknown area")]
    [InlineData("devices: [{name: nameless}]", "has no 'id'")]
    [InlineData("- just\n- a list", "must be a mapping")]
    [InlineData("areas: [", "not valid YAML")]
    public void Bad_home_files_fail_with_a_clear_message(string text, string expected)
    {
        var error = Assert.Throws<HomeFileException>(() => HomeFile.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
