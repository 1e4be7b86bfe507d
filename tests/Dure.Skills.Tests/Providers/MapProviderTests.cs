using Dure.Skills.Providers;
using static Dure.Skills.Tests.Providers.ProviderTestHost;

namespace Dure.Skills.Tests.Providers;

public class EmbeddedMapProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IMapProvider maps = Get<IMapProvider>();

    [Fact]
    public async Task A_port_by_its_Korean_name_carries_its_English_name_and_coordinates()
    {
        var port = await maps.FindAsync("부산항", null, null, None);

        Assert.Equal(("부산항", "port", "Busan Port"), (port!.Name, port.Kind, port.AlternateName));
        Assert.Equal((35.104, 129.042), (port.Latitude, port.Longitude));
    }

    [Theory]
    [InlineData("incheon port", "Incheon Port", "port")]
    [InlineData("Uiwang ICD", "Uiwang ICD", "logistics_hub")]
    [InlineData("GIMPO AIRPORT", "Gimpo International Airport", "airport")]
    [InlineData("Busan New Prot", "Busan New Port", "port")]          // a typo
    [InlineData("Cheonan Samgeori Rest Area", "Cheonan Samgeori Rest Area", "rest_area")]
    public async Task English_names_aliases_and_typos_answer_in_English(string said, string name, string kind)
    {
        var place = await maps.FindAsync(said, null, null, None);

        Assert.Equal((name, kind), (place?.Name, place?.Kind));
    }

    [Theory]
    [InlineData("인천공항", "인천국제공항")]
    [InlineData("평택당진항", "평택항")]
    [InlineData("의왕 icd", "의왕ICD")]
    [InlineData("군포복합물류터미널", "군포 복합물류터미널")]
    [InlineData("부산신향", "부산신항")]               // one jamo off
    [InlineData("천안삼거리휴계소", "천안삼거리휴게소")]   // the common 게/계 slip
    [InlineData("동대구역", "동대구역")]
    [InlineData("양산 내륙컨테이너기지", "양산ICD")]
    public async Task Korean_names_match_exactly_by_alias_or_despite_a_typo(string said, string name)
    {
        var place = await maps.FindAsync(said, null, null, None);

        Assert.Equal(name, place?.Name);
    }

    [Fact]
    public async Task An_unknown_destination_is_null()
    {
        Assert.Null(await maps.FindAsync("화성 탐사 기지", null, null, None));
    }

    [Fact]
    public async Task A_drive_is_the_straight_line_times_the_road_factor_at_the_average_speed()
    {
        var port = (await maps.FindAsync("부산항", null, null, None))!;

        // Seoul City Hall to Busan Port: 330.37 km great-circle (1° of latitude is 111.2 km), ×1.3 road, at 70 km/h.
        var route = await maps.RouteAsync(37.5665, 126.9780, port, None);

        Assert.Equal(429.48, route.DistanceKm, 0.05);
        Assert.Equal(TimeSpan.FromHours(429.48 / 70).TotalMinutes, route.Duration.TotalMinutes, 0.1);
        Assert.Same(port, route.Destination);
    }

    [Fact]
    public async Task The_average_speed_and_road_factor_are_configurable()
    {
        var slowTrucks = Get<IMapProvider>(("Dure:Providers:Maps:AverageSpeedKmh", "60"), ("Dure:Providers:Maps:RoadFactor", "1"));
        var port = (await slowTrucks.FindAsync("부산항", null, null, None))!;

        var route = await slowTrucks.RouteAsync(37.5665, 126.9780, port, None);

        Assert.Equal(330.37, route.DistanceKm, 0.05);
        Assert.Equal(330.37, route.Duration.TotalHours * 60, 0.1);
    }

    [Fact]
    public async Task Nearest_rest_areas_on_the_Gyeongbu_expressway_near_Anseong_come_nearest_first()
    {
        // 37.00 N 127.15 E: Anseong rest area is 0.05° of latitude north (5.56 km), Manghyang 14.48 km south, Giheung 25.34 km.
        var nearby = await maps.NearbyAsync("rest_area", 37.00, 127.15, 3, None);

        Assert.Equal(["안성휴게소", "망향휴게소"], nearby.Take(2).Select(n => n.Place.Name));
        Assert.Equal(5.56, nearby[0].DistanceKm, 0.01);
        Assert.Equal(14.48, nearby[1].DistanceKm, 0.01);
        Assert.Equal(3, nearby.Count);
        Assert.All(nearby, n => Assert.Equal("rest_area", n.Place.Kind));
        Assert.Equal("Anseong Rest Area", nearby[0].Place.AlternateName);
    }

    [Theory]
    [InlineData("gas_station", 35.07, 128.80, "부산신항 화물차 주유소", 2.47)]
    [InlineData("gas_station", 37.33, 126.96, "의왕ICD 주유소", 0.28)]
    [InlineData("ev_charger", 37.5665, 126.9780, "서울시청 전기차 충전소", 0.02)]
    [InlineData("parking", 35.1152, 129.0422, "부산역 주차장", 0.14)]
    public async Task The_nearest_point_of_each_kind(string kind, double latitude, double longitude, string name, double km)
    {
        var nearest = Assert.Single(await maps.NearbyAsync(kind, latitude, longitude, 1, None));

        Assert.Equal(name, nearest.Place.Name);
        Assert.Equal(km, nearest.DistanceKm, 0.01);
    }

    [Fact]
    public async Task There_are_enough_points_of_interest_across_the_country()
    {
        // From the middle of the country (Daejeon) the whole dataset is within 500 km.
        var restAreas = await maps.NearbyAsync("rest_area", 36.35, 127.38, 1000, None);
        var gas = await maps.NearbyAsync("gas_station", 36.35, 127.38, 1000, None);
        var chargers = await maps.NearbyAsync("ev_charger", 36.35, 127.38, 1000, None);
        var parking = await maps.NearbyAsync("parking", 36.35, 127.38, 1000, None);

        Assert.True(restAreas.Count >= 30, $"{restAreas.Count} rest areas");
        Assert.All(new[] { gas, chargers, parking }, list => Assert.True(list.Count >= 10));
        Assert.True(restAreas[^1].DistanceKm > 150, "rest areas are spread over the country");
        Assert.Empty(await maps.NearbyAsync("spaceport", 36.35, 127.38, 5, None));
    }

    [Fact]
    public async Task A_fleets_extra_places_are_added_and_ties_go_to_the_nearer_place()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dure-places-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            { "places": [
              { "kind": "logistics_hub", "name": "두레물류 평택센터", "englishName": "Dure Logistics Pyeongtaek", "aliases": ["평택센터"], "latitude": 36.98, "longitude": 126.92 },
              { "kind": "city", "name": "광주", "englishName": "Gwangju", "aliases": ["경기 광주"], "latitude": 37.4295, "longitude": 127.2550 }
            ] }
            """, TestContext.Current.CancellationToken);
        try
        {
            var fleet = Get<IMapProvider>(("Dure:Providers:Maps:ExtraPlacesFile", file));

            var center = await fleet.FindAsync("평택센터", null, null, None);
            var nearSeoul = await fleet.FindAsync("광주", 37.55, 127.0, None);
            var nearMokpo = await fleet.FindAsync("광주", 34.8, 126.4, None);

            Assert.Equal(("두레물류 평택센터", "logistics_hub"), (center?.Name, center?.Kind));
            Assert.Equal(37.4295, nearSeoul!.Latitude);
            Assert.Equal(35.1595, nearMokpo!.Latitude);
            Assert.NotNull(await fleet.FindAsync("부산항", null, null, None));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public class KakaoMapProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static (string, string?)[] Kakao(LocalStandIn kakao) =>
    [
        ("Dure:Providers:Maps:Provider", "kakao"),
        ("Dure:Providers:Maps:SearchUrl", kakao.BaseUrl),
        ("Dure:Providers:Maps:DirectionsUrl", kakao.BaseUrl + "/navi/"),
        ("Dure:Providers:Maps:ApiKey", "test-rest-key"),
    ];

    [Fact]
    public async Task A_destination_is_searched_by_keyword_near_the_vehicle_against_a_local_stand_in_for_kakao_local()
    {
        await using var kakao = new LocalStandIn(_ => (200, """
            {"meta":{"total_count":1,"pageable_count":1,"is_end":true},
             "documents":[{"id":"8113","place_name":"부산항 국제여객터미널","category_name":"교통,수송 > 교통시설 > 항구","category_group_code":"",
                           "x":"129.0400","y":"35.1160","distance":"326000"}]}
            """));
        var maps = Get<IMapProvider>(Kakao(kakao));

        var place = await maps.FindAsync("부산항", 37.5, 127.0, None);

        Assert.Equal(new Place("부산항 국제여객터미널", "port", 35.116, 129.04), place);
        var request = kakao.Single("/v2/local/search/keyword.json");
        Assert.Equal("KakaoAK test-rest-key", request.Authorization);
        Assert.Equal(("부산항", "127", "37.5", "1"), (request.Query["query"], request.Query["x"], request.Query["y"], request.Query["size"]));
    }

    [Fact]
    public async Task A_drive_is_kakao_mobilitys_recommended_route_against_a_local_stand_in_for_kakao_mobility()
    {
        await using var kakao = new LocalStandIn(_ => (200, """
            {"trans_id":"t1","routes":[{"result_code":0,"result_msg":"길찾기 성공",
              "summary":{"distance":398765,"duration":16200,"fare":{"taxi":300000,"toll":21000}}}]}
            """));
        var maps = Get<IMapProvider>([.. Kakao(kakao), ("Dure:Providers:Maps:CarType", "4")]);
        var port = new Place("부산신항", "port", 35.075, 128.8);

        var route = await maps.RouteAsync(37.33, 126.96, port, None);

        Assert.Equal(new Route(port, 398.765, TimeSpan.FromHours(4.5)), route);
        var request = kakao.Single("/navi/v1/directions");
        Assert.Equal(("126.96,37.33", "128.8,35.075", "RECOMMEND", "4"),
            (request.Query["origin"], request.Query["destination"], request.Query["priority"], request.Query["car_type"]));
        Assert.Equal("KakaoAK test-rest-key", request.Authorization);
    }

    [Fact]
    public async Task No_route_from_kakao_falls_back_to_the_estimate_against_a_local_stand_in_for_kakao_mobility()
    {
        await using var kakao = new LocalStandIn(_ => (200, """{"trans_id":"t2","routes":[{"result_code":104,"result_msg":"출발지와 도착지가 5 m 이내로 설정된 경우 경로를 탐색할 수 없음"}]}"""));
        var maps = Get<IMapProvider>(Kakao(kakao));

        var route = await maps.RouteAsync(37.00, 127.15, new Place("안성휴게소", "rest_area", 37.05, 127.15), None);

        Assert.Equal(5.56 * 1.3, route.DistanceKm, 0.02);
    }

    [Fact]
    public async Task Nearby_gas_stations_are_kakaos_OL7_category_by_distance_against_a_local_stand_in_for_kakao_local()
    {
        await using var kakao = new LocalStandIn(_ => (200, """
            {"documents":[
              {"place_name":"SK 신항주유소","category_group_code":"OL7","category_name":"교통,수송 > 자동차 > 주유소","x":"128.8200","y":"35.0850","distance":"2469"},
              {"place_name":"broken","x":"","y":"35.0"},
              {"place_name":"GS 웅동주유소","category_group_code":"OL7","category_name":"교통,수송 > 자동차 > 주유소","x":"128.7900","y":"35.1100","distance":"4550"}]}
            """));
        var maps = Get<IMapProvider>(Kakao(kakao));

        var nearby = await maps.NearbyAsync("gas_station", 35.07, 128.80, 5, None);

        Assert.Equal([("SK 신항주유소", 2.469), ("GS 웅동주유소", 4.55)], nearby.Select(n => (n.Place.Name, n.DistanceKm)));
        Assert.All(nearby, n => Assert.Equal("gas_station", n.Place.Kind));
        var request = kakao.Single("/v2/local/search/category.json");
        Assert.Equal(("OL7", "distance", "20000", "5", "128.8", "35.07"),
            (request.Query["category_group_code"], request.Query["sort"], request.Query["radius"], request.Query["size"], request.Query["x"], request.Query["y"]));
    }

    [Fact]
    public async Task Nearby_rest_areas_are_a_keyword_search_and_a_refused_key_is_unavailable_against_a_local_stand_in_for_kakao_local()
    {
        var refuse = false;
        await using var kakao = new LocalStandIn(_ => refuse
            ? (401, """{"errorType":"AccessDeniedError","message":"wrong appKey"}""")
            : (200, """{"documents":[{"place_name":"안성휴게소(부산방향)","category_name":"교통,수송 > 휴게소 > 고속도로휴게소","x":"127.15","y":"37.05","distance":"5560"}]}"""));
        var maps = Get<IMapProvider>(Kakao(kakao));

        var nearest = Assert.Single(await maps.NearbyAsync("rest_area", 37.00, 127.15, 1, None));
        refuse = true;

        Assert.Equal(("안성휴게소(부산방향)", "rest_area", 5.56), (nearest.Place.Name, nearest.Place.Kind, nearest.DistanceKm));
        Assert.Equal("휴게소", kakao.Single("/v2/local/search/keyword.json").Query["query"]);
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => maps.FindAsync("부산항", null, null, None));
    }
}
