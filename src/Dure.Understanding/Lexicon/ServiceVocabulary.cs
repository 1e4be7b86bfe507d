using static Dure.Understanding.Lexicon.VocabularyBuilder;

namespace Dure.Understanding.Lexicon;

/// <summary>
/// Words of the service domains of the catalog — timers, alarms, reminders, weather, media and TV, lists,
/// apartment, hotel, vehicle, calls and messages, and conversation control — in Korean and English.
/// Topic words say what a request is about, verb words what to do; the grammars combine them.
/// </summary>
internal static class ServiceVocabulary
{
    public static void AddKorean(VocabularyBuilder v)
    {
        // Timers, alarms, reminders.
        v.Add(Topic("timer"), "타이머, 스톱워치");
        v.Add(Topic("alarm"), "알람, 자명종, 모닝콜");
        v.Add(Topic("reminder"), "리마인더, 리마인드, 알림");
        v.Add(Verb("wake"), "깨워, 깨우");
        v.Add(Verb("remind"), "알려, 말해, 리마인드");
        v.Add(Verb("remaining"), "남았, 남은 시간, 남은, 남아");
        v.Add(Verb("more"), "늘려, 늘리, 연장, 추가, 더");
        v.Add(Verb("less"), "줄여, 줄이, 빼, 덜");
        v.Add(Verb("cancel"), "취소, 삭제, 지워, 지우, 없애, 제거");
        v.Add(Verb("pause"), "일시정지, 일시 정지, 일시중지, 일시 중지, 잠깐 멈춰, 잠시 멈춰, 멈춰, 멈추, 정지");
        v.Add(Verb("resume"), "다시 시작, 재개, 계속, 이어서, 다시 재생, 계속 재생, 이어 재생, 일시정지 풀어, 일시정지 해제, 일시 정지 풀어, 일시 정지 해제");
        v.Add(Of(LexKind.Filler), "뒤에, 뒤, 후에, 후, 있다가, 이따가, 지나면, 이후");

        // Weather.
        v.Add(Topic("weather"), "날씨, 일기예보, 기상, 예보, 바깥 날씨, 날씨는");
        v.Add(Topic("rain"), "비, 비가, 우산, 소나기, 강수, 비 와, 비 오, 비 온, 비 올, 비가 와, 비가 오, 비가 올");
        v.Add(Topic("snow"), "눈이, 눈 와, 눈 오, 눈 온, 눈 올, 눈이 와, 눈이 올");
        v.Add(Topic("dust"), "미세먼지, 초미세먼지, 황사, 공기질");

        // Media and TV.
        v.Add(Verb("play"), "틀어, 재생, 들려, 플레이, 보여, 듣고 싶어, 보고 싶어, 틀래");
        v.Add(Verb("next"), "다음 곡, 다음 노래, 다음 트랙, 다음 거, 다음 걸로, 다음 영상, 넘겨, 넘기, 건너뛰어, 건너뛰, 스킵");
        v.Add(Verb("previous"), "이전 곡, 이전 노래, 이전 트랙, 전 곡, 앞 곡, 앞 노래, 방금 노래, 이전 거, 이전으로, 뒤로 가");
        v.Add(Topic("media:track"), "노래, 음악, 곡, 트랙, 뮤직, 싱글");
        v.Add(Topic("media:album"), "앨범, 음반");
        v.Add(Topic("media:artist"), "가수, 아티스트, 밴드, 그룹");
        v.Add(Topic("media:playlist"), "플레이리스트, 재생 목록, 재생목록");
        v.Add(Topic("media:podcast"), "팟캐스트");
        v.Add(Topic("media:movie"), "영화");
        v.Add(Topic("media:tv_show"), "드라마, 예능, 프로그램, 쇼");
        v.Add(Topic("media:radio"), "라디오");
        AddGenres(v, ("jazz", "재즈"), ("classical", "클래식"), ("ballad", "발라드"), ("hiphop", "힙합, 랩"), ("rock", "록, 락"), ("pop", "팝"),
            ("kpop", "케이팝, k팝, 아이돌 노래"), ("trot", "트로트"), ("kids", "동요"), ("dance", "댄스, 신나는"), ("indie", "인디"), ("rnb", "알앤비"),
            ("lofi", "로파이, 잔잔한"), ("ost", "ost, 오에스티"));
        v.Add(Topic("channel"), "채널");
        AddChannels(v);
        v.Add(Topic("volume_up"), "소리 크게, 소리 키워, 크게 해, 볼륨 업, 볼륨 올려");
        v.Add(Topic("volume_down"), "소리 작게, 소리 줄여, 작게 해, 볼륨 다운, 볼륨 내려");
        v.Add(Topic("mute"), "음소거, 소리 꺼");

        // Lists.
        v.Add(Topic("list:shopping"), "쇼핑 리스트, 쇼핑리스트, 쇼핑 목록, 장보기 목록, 장보기 리스트, 장 볼 목록, 장볼 거, 구매 목록, 살 거, 살 것, 사야 할 것, 리스트, 목록");
        v.Add(Topic("list:todo"), "할 일 목록, 할일 목록, 할 일, 할일, 투두, 투두 리스트");
        v.Add(Verb("add"), "추가, 담아, 넣어, 적어, 기록해");

        // One-syllable stems begin their word: "담" in "농담" is not "put in".
        v.Add(Verb("add") with { Placement = Placement.WordStart }, "담, 넣, 적");
        v.Add(Verb("complete"), "완료, 체크, 샀어, 샀다, 다 했어, 했어");

        // Apartment.
        v.Add(Topic("elevator"), "엘리베이터, 엘베, 승강기");
        v.Add(Verb("call"), "불러, 부르, 호출, 전화해, 전화 걸어, 전화 좀, 통화, 전화");
        v.Add(Topic("down"), "내려가, 내려갈, 하행, 아래로");
        v.Add(Topic("up"), "올라가, 올라갈, 상행, 위로");
        v.Add(Topic("usage"), "사용량, 썼어, 썼는지, 썼나, 쓴, 사용했, 나왔어, 요금, 검침");
        v.Add(Topic("utility:electricity"), "전기, 전력");
        v.Add(Topic("utility:water"), "수도, 물");
        v.Add(Topic("utility:heating"), "난방비, 온수");
        v.Add(Topic("period:this_month"), "이번 달, 이번달, 이달");
        v.Add(Topic("period:last_month"), "지난달, 지난 달, 저번 달, 저번달, 전월");
        v.Add(Topic("parcel"), "택배, 소포, 배송, 우편물, 배달");
        v.Add(Of(LexKind.Exist), "왔어, 왔나, 왔니, 왔나요, 온 거, 온 게, 도착했");
        v.Add(Topic("visitor"), "방문자, 방문객, 손님, 누가 왔, 누가 왔었, 방문 기록, 방문");
        v.Add(Topic("parking"), "주차, 주차 위치, 주차한, 차 어디, 내 차");
        v.Add(Topic("notice"), "공지, 공지사항, 관리사무소, 관리실, 안내문, 알림 사항");

        // Hotel.
        AddAmenities(v, ("towel", "수건, 타월"), ("pillow", "베개"), ("blanket", "담요, 이불"), ("toothbrush", "칫솔"), ("toothpaste", "치약"),
            ("water", "생수, 물 한 병"), ("slippers", "슬리퍼"), ("shampoo", "샴푸"), ("toilet_paper", "휴지, 화장지"), ("soap", "비누"),
            ("bathrobe", "가운, 목욕 가운"), ("hanger", "옷걸이"), ("charger", "충전기"), ("razor", "면도기"));
        v.Add(Verb("bring"), "가져다, 가져와, 갖다, 더 주, 필요해, 필요한데, 올려 보내, 올려보내, 부탁");
        v.Add(Topic("wakeup"), "모닝콜, 웨이크업 콜, 깨우는 전화");
        v.Add(Topic("checkout"), "체크아웃, 퇴실");
        v.Add(Topic("late"), "레이트, 늦게, 연장");
        v.Add(Topic("wifi"), "와이파이, 무선 인터넷, 인터넷, 와이파이 비밀번호, 비밀번호");
        v.Add(Topic("housekeeping"), "청소, 객실 청소, 방 청소, 하우스키핑, 정리");
        AddFacilities(v, ("pool", "수영장"), ("gym", "헬스장, 피트니스, 피트니스 센터, 체육관, 헬스"), ("breakfast", "조식, 아침 식사, 아침 뷔페"),
            ("restaurant", "식당, 레스토랑"), ("spa", "스파, 사우나"), ("parking", "주차장"), ("laundry", "세탁실, 빨래방, 세탁 서비스, 세탁"));
        v.Add(Topic("hours"), "몇 시까지, 몇 시부터, 운영 시간, 영업 시간, 이용 시간, 언제까지, 언제부터, 언제, 어디, 어디에, 위치");

        // Vehicle.
        v.Add(Verb("navigate"), "안내해, 안내, 길 안내, 길안내, 가자, 가줘, 가 줘, 데려다줘, 데려다 줘, 내비, 네비, 목적지, 경로");
        v.Add(Topic("arrival"), "도착, 언제 도착, 도착 시간, 도착 예정, 몇 시에 도착, 얼마나 걸려, 남은 거리");
        v.Add(Topic("nearby"), "근처, 가까운, 주변, 제일 가까운, 가장 가까운, 인근");
        AddPlaces(v, ("rest_area", "휴게소, 졸음쉼터"), ("gas_station", "주유소"), ("ev_charger", "충전소, 전기차 충전소, 충전기, 급속 충전기"), ("parking", "주차장"));

        // Calls and messages.
        v.Add(Verb("message"), "문자, 메시지, 메세지, 카톡, 톡, 문자 보내, 메시지 보내, 보내");
        v.Add(Of(LexKind.Particle), "한테, 에게, 께, 더러");

        // Conversation control.
        v.Add(Of(LexKind.Question, "help"), "도움말, 도와줘, 뭘 할 수 있어, 무엇을 할 수 있어, 뭐 할 수 있어, 사용법, 어떻게 써");
        v.Add(Verb("smalltalk"), "안녕, 안녕하세요, 반가워, 반가워요, 고마워, 고마워요, 감사해요, 감사합니다, 너는 누구야, 넌 누구야, 누가 만들었어");
        v.Add(Verb("yes"), "네, 응, 예, 그래, 좋아, 맞아, 그렇게 해, 오케이, 알았어, 그래요, 네 맞아요, 네 그렇게 해 주세요");
        v.Add(Verb("no"), "아니, 아니요, 아니오, 아뇨, 싫어, 하지 마, 안 해, 됐어요");
        v.Add(Verb("broadcast"), "방송, 안내 방송, 전체 방송");
        v.Add(Verb("clean"), "청소 시작, 청소 돌려");
        v.Add(Verb("dock"), "충전대로, 충전하러, 도킹, 복귀");
        v.Add(Verb("find"), "찾아, 검색, 알아봐");
    }

    public static void AddEnglish(VocabularyBuilder v)
    {
        v.Add(Topic("timer"), "timer, timers, countdown, stopwatch");
        v.Add(Topic("alarm"), "alarm, alarms, wake up alarm");
        v.Add(Topic("reminder"), "reminder, reminders");
        v.Add(Verb("wake"), "wake me, wake me up, wake up, get me up");
        v.Add(Verb("remind"), "remind me, remind, remember to, don't let me forget");
        v.Add(Verb("remaining"), "time left, left, remaining, how long is left, how much time, how long, to go");
        v.Add(Verb("more"), "add, extend, increase, plus, lengthen");
        v.Add(Verb("less"), "take, subtract, decrease, reduce, minus, shorten, cut");
        v.Add(Verb("cancel"), "cancel, delete, remove, clear, end, get rid of, scrap");
        v.Add(Verb("pause"), "pause, hold, freeze, hold on");
        v.Add(Verb("resume"), "resume, continue, unpause, restart, carry on, keep going, start again");
        v.Add(Of(LexKind.Preposition, "named"), "named, called, labeled, labelled, for the");

        v.Add(Topic("weather"), "weather, forecast, weather forecast, outside temperature");
        v.Add(Topic("rain"), "rain, raining, umbrella, rainy, showers");
        v.Add(Topic("snow"), "snow, snowing");
        v.Add(Topic("dust"), "air quality, fine dust, pollution, smog");

        v.Add(Verb("play"), "play, put on, listen to, start playing, i want to hear, i want to watch, watch, stream");
        v.Add(Verb("next"), "next, skip, next song, next track, next item, skip this, skip ahead, skip song, skip track");
        v.Add(Verb("previous"), "previous, go back, last track, last song, previous song, previous track, replay, play the last, back");
        v.Add(Topic("media:track"), "song, songs, track, tracks, music, tune, single");
        v.Add(Topic("media:album"), "album, albums, record");
        v.Add(Topic("media:artist"), "artist, band, singer, group");
        v.Add(Topic("media:playlist"), "playlist, playlists");
        v.Add(Topic("media:podcast"), "podcast, podcasts");
        v.Add(Topic("media:movie"), "movie, movies, film");
        v.Add(Topic("media:tv_show"), "tv show, show, series, episode, tv series");
        v.Add(Topic("media:radio"), "radio, radio station");
        AddGenres(v, ("jazz", "jazz"), ("classical", "classical, classical music"), ("ballad", "ballads"), ("hiphop", "hip hop, hip-hop, rap"),
            ("rock", "rock"), ("pop", "pop"), ("kpop", "k-pop, kpop"), ("country", "country"), ("dance", "dance, edm"), ("rnb", "r&b, rnb"),
            ("lofi", "lo-fi, lofi, chill"), ("indie", "indie"));
        v.Add(Topic("channel"), "channel");
        AddChannels(v);
        v.Add(Topic("volume_up"), "louder, turn it up, volume up, crank it up");
        v.Add(Topic("volume_down"), "quieter, softer, turn it down, volume down");
        v.Add(Topic("mute"), "mute, silence");

        v.Add(Topic("list:shopping"), "shopping list, grocery list, groceries, shopping, list");
        v.Add(Topic("list:todo"), "to-do list, todo list, to do list, to-do, todo, task list, tasks");
        v.Add(Verb("add"), "add, put, include, write down, note");
        v.Add(Verb("complete"), "check off, check, complete, cross off, mark, tick off, done with, finished, take off");

        v.Add(Topic("elevator"), "elevator, lift");
        v.Add(Verb("call"), "call, phone, phone call, ring, dial, summon");
        v.Add(Topic("down"), "down, going down, downstairs");
        v.Add(Topic("up"), "going up, upstairs");
        v.Add(Topic("usage"), "usage, use, used, consumption, consumed, bill, spend, spent");
        v.Add(Topic("utility:electricity"), "electricity, power, electric");
        v.Add(Topic("utility:water"), "water");
        v.Add(Topic("utility:heating"), "heating bill, hot water");
        v.Add(Topic("period:this_month"), "this month");
        v.Add(Topic("period:last_month"), "last month, previous month");
        v.Add(Topic("parcel"), "package, packages, parcel, parcels, delivery, deliveries, mail");
        v.Add(Topic("visitor"), "visitor, visitors, who came, who visited, visits, guests came");
        v.Add(Topic("parking"), "where did i park, where is my car, where's my car, parking spot, my car, parked");
        v.Add(Topic("notice"), "notice, notices, announcement, announcements, management office, bulletin");

        AddAmenities(v, ("towel", "towel, towels"), ("pillow", "pillow, pillows"), ("blanket", "blanket, blankets"), ("toothbrush", "toothbrush, toothbrushes"),
            ("toothpaste", "toothpaste"), ("water", "water bottle, bottled water, bottles of water"), ("slippers", "slippers"), ("shampoo", "shampoo"),
            ("toilet_paper", "toilet paper"), ("soap", "soap"), ("bathrobe", "bathrobe, robe"), ("hanger", "hanger, hangers"), ("charger", "charger, phone charger"),
            ("razor", "razor"));
        v.Add(Verb("bring"), "bring, bring me, send up, get me, can i get, can i have, i need, need, could i get, deliver, more");
        v.Add(Topic("wakeup"), "wake-up call, wake up call, wakeup call, morning call");
        v.Add(Topic("checkout"), "checkout, check-out, check out");
        v.Add(Topic("late"), "late, extend my stay, later");
        v.Add(Topic("wifi"), "wifi, wi-fi, wireless, internet, wifi password, password, network");
        v.Add(Topic("housekeeping"), "housekeeping, clean my room, clean the room, room cleaning, make up the room, tidy up, cleaning");
        AddFacilities(v, ("pool", "pool, swimming pool"), ("gym", "gym, fitness center, fitness room"), ("breakfast", "breakfast"),
            ("restaurant", "restaurant, dining room"), ("spa", "spa, sauna"), ("parking", "parking lot, car park, garage parking"), ("laundry", "laundry, laundry service"));
        v.Add(Topic("hours"), "hours, opening hours, what time does, when does, until when, where is, where's, located, open until");

        v.Add(Verb("navigate"), "navigate, navigation, route guidance, the route, navigate to, directions, directions to, take me, take me to, drive to, route to, go to, head to, get me to, guide me");
        v.Add(Topic("arrival"), "eta, arrive, arrival, get there, how far, how long until, arrival time");
        v.Add(Topic("nearby"), "nearby, near me, closest, nearest, around here, close by");
        AddPlaces(v, ("rest_area", "rest area, rest stop, service area"), ("gas_station", "gas station, petrol station, fuel station"),
            ("ev_charger", "ev charger, charging station, charger, ev charging"), ("parking", "parking, parking lot"));

        v.Add(Verb("message"), "text, message, send a message, send a text, send, sms, tell");

        v.Add(Of(LexKind.Question, "help"), "help, what can you do, what can i say, how do i use, what do you do");
        v.Add(Verb("smalltalk"), "hi, hello, hey there, who made you, who are you, are you always listening, where does my data go, who built you, thank you, thanks");
        v.Add(Verb("yes"), "yes, yeah, yep, sure, ok, okay, please do, do it, go ahead, correct, right");
        v.Add(Verb("no"), "no, nope, no thanks");
        v.Add(Verb("broadcast"), "broadcast, announce, announce that, broadcast that");
        v.Add(Verb("clean"), "clean, vacuum the, start cleaning");
        v.Add(Verb("dock"), "to base, return to base, dock, back to base, to its base, to the dock");
        v.Add(Verb("find"), "find, search, look for, locate, where is the nearest");
    }

    private static void AddGenres(VocabularyBuilder v, params (string Genre, string Words)[] genres)
    {
        foreach (var (genre, words) in genres)
        {
            v.Add(Topic($"genre:{genre}"), words);
        }
    }

    private static void AddAmenities(VocabularyBuilder v, params (string Item, string Words)[] items)
    {
        foreach (var (item, words) in items)
        {
            v.Add(Topic($"amenity:{item}"), words);
        }
    }

    private static void AddFacilities(VocabularyBuilder v, params (string Facility, string Words)[] facilities)
    {
        foreach (var (facility, words) in facilities)
        {
            v.Add(Topic($"facility:{facility}"), words);
        }
    }

    private static void AddPlaces(VocabularyBuilder v, params (string Poi, string Words)[] places)
    {
        foreach (var (poi, words) in places)
        {
            v.Add(Topic($"poi:{poi}"), words);
        }
    }

    /// <summary>Korean broadcast channels everyone knows; a tenant's own channel map extends these.</summary>
    private static void AddChannels(VocabularyBuilder v)
    {
        foreach (var (name, words) in new[]
        {
            ("KBS1", "kbs1, kbs 1, kbs일, 케이비에스 1, 케이비에스일, kbs, 케이비에스"), ("KBS2", "kbs2, kbs 2, kbs이, 케이비에스 2, 케이비에스이"),
            ("MBC", "mbc, 엠비씨"), ("SBS", "sbs, 에스비에스"), ("EBS", "ebs, 이비에스"), ("JTBC", "jtbc, 제이티비씨"), ("tvN", "tvn, 티비엔"),
            ("MBN", "mbn, 엠비엔"), ("채널A", "채널a, 채널에이"), ("TV조선", "tv조선, 티비조선"), ("YTN", "ytn, 와이티엔"), ("연합뉴스TV", "연합뉴스tv, 연합뉴스"),
            ("OCN", "ocn, 오씨엔"), ("Mnet", "mnet, 엠넷"), ("CNN", "cnn"), ("BBC", "bbc"),
        })
        {
            v.Add(Topic($"channel:{name}"), words);
        }
    }
}
