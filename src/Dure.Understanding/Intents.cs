namespace Dure.Understanding;

/// <summary>Dure's intent names (PRODUCT.md §5) and the Home Assistant names they map to one-to-one.</summary>
public static class Intents
{
    public const string TurnOn = "home.turn_on";
    public const string TurnOff = "home.turn_off";
    public const string LightSet = "home.light_set";
    public const string GetState = "home.get_state";
    public const string ClimateSetTemperature = "home.climate_set_temperature";
    public const string ClimateGetTemperature = "home.climate_get_temperature";
    public const string SetPosition = "home.set_position";
    public const string VacuumStart = "home.vacuum_start";
    public const string VacuumReturnToBase = "home.vacuum_return_to_base";

    public const string ListAddItem = "list.add_item";
    public const string ListCompleteItem = "list.complete_item";

    public const string TimerStart = "timer.start";
    public const string TimerCancel = "timer.cancel";
    public const string TimerCancelAll = "timer.cancel_all";
    public const string TimerStatus = "timer.status";
    public const string TimerPause = "timer.pause";
    public const string TimerResume = "timer.resume";
    public const string TimerIncrease = "timer.increase";
    public const string TimerDecrease = "timer.decrease";

    public const string MediaSearchAndPlay = "media.search_and_play";
    public const string MediaPause = "media.pause";
    public const string MediaResume = "media.resume";
    public const string MediaNext = "media.next";
    public const string MediaPrevious = "media.previous";
    public const string MediaSetVolume = "media.set_volume";

    public const string GetTime = "clock.get_time";
    public const string GetDate = "clock.get_date";
    public const string SetAlarm = "clock.set_alarm";
    public const string CreateReminder = "reminder.create";
    public const string GetWeather = "weather.get";

    public const string Nevermind = "system.nevermind";
    public const string Cancel = "system.cancel";
    public const string Yes = "system.yes";
    public const string No = "system.no";
    public const string Help = "system.help";
    public const string Broadcast = "system.broadcast";
    public const string SmallTalk = "system.small_talk";

    public const string CallElevator = "apartment.call_elevator";
    public const string EnergyUsage = "apartment.energy_usage";
    public const string ParcelCheck = "apartment.parcel_check";
    public const string VisitorHistory = "apartment.visitor_history";
    public const string ParkingLocation = "apartment.parking_location";
    public const string Notices = "apartment.notices";

    public const string RequestAmenity = "hotel.request_amenity";
    public const string WakeUpCall = "hotel.wake_up_call";
    public const string CheckoutInfo = "hotel.checkout_info";
    public const string LateCheckout = "hotel.late_checkout";
    public const string WifiInfo = "hotel.wifi_info";
    public const string Housekeeping = "hotel.housekeeping";
    public const string FacilityInfo = "hotel.facility_info";

    public const string Navigate = "vehicle.navigate";
    public const string CancelNavigation = "vehicle.cancel_navigation";
    public const string Eta = "vehicle.eta";
    public const string FindNearby = "vehicle.find_nearby";

    public const string Call = "comm.call";
    public const string SendMessage = "comm.send_message";

    public const string ChangeChannel = "tv.change_channel";

    private static readonly Dictionary<string, string> HomeAssistantNames = new(StringComparer.Ordinal)
    {
        [TurnOn] = "HassTurnOn",
        [TurnOff] = "HassTurnOff",
        [LightSet] = "HassLightSet",
        [GetState] = "HassGetState",
        [ClimateSetTemperature] = "HassClimateSetTemperature",
        [ClimateGetTemperature] = "HassClimateGetTemperature",
        [SetPosition] = "HassSetPosition",
        [VacuumStart] = "HassVacuumStart",
        [VacuumReturnToBase] = "HassVacuumReturnToBase",
        [ListAddItem] = "HassListAddItem",
        [ListCompleteItem] = "HassListCompleteItem",
        [TimerStart] = "HassStartTimer",
        [TimerCancel] = "HassCancelTimer",
        [TimerCancelAll] = "HassCancelAllTimers",
        [TimerStatus] = "HassTimerStatus",
        [TimerPause] = "HassPauseTimer",
        [TimerResume] = "HassUnpauseTimer",
        [TimerIncrease] = "HassIncreaseTimer",
        [TimerDecrease] = "HassDecreaseTimer",
        [MediaSearchAndPlay] = "HassMediaSearchAndPlay",
        [MediaPause] = "HassMediaPause",
        [MediaResume] = "HassMediaUnpause",
        [MediaNext] = "HassMediaNext",
        [MediaPrevious] = "HassMediaPrevious",
        [MediaSetVolume] = "HassSetVolume",
        [GetTime] = "HassGetCurrentTime",
        [GetDate] = "HassGetCurrentDate",
        [GetWeather] = "HassGetWeather",
        [Nevermind] = "HassNevermind",
        [Broadcast] = "HassBroadcast",
        [Help] = "HassRespond",
        [SmallTalk] = "HassRespond",
    };

    /// <summary>The Home Assistant intent name, or null when the intent has no HA counterpart.</summary>
    public static string? ToHomeAssistant(string intent) => HomeAssistantNames.GetValueOrDefault(intent);
}
