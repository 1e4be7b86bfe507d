using Dure.Skills.Services;

namespace Dure.Skills.Tests;

/// <summary>Timers, alarms and reminders, at 2026-11-25 15:20 in Seoul.</summary>
public class ClockSkillTests
{
    [Fact]
    public void A_timer_is_scheduled_and_reports_what_is_left()
    {
        var home = new Conversation();

        Assert.Equal("라면 타이머 3분을 시작했어요.", home.Say("라면 타이머 3분 맞춰줘"));
        var timer = Assert.Single(home.Scheduler.Items);
        Assert.Equal((ScheduleKind.Timer, "라면", "wallpad"), (timer.Kind, timer.Label, timer.DeviceId));
        Assert.Equal(home.Now.AddMinutes(3), timer.Due);
        Assert.Equal("라면 타이머가 끝났어요.", timer.Announcement);

        home.Now = home.Now.AddSeconds(30);
        Assert.Equal("라면 타이머가 2분 30초 남았어요.", home.Say("타이머 얼마나 남았어?"));
    }

    [Fact]
    public void Pause_resume_and_more_time()
    {
        var home = new Conversation();
        home.Say("타이머 10분");
        home.Now = home.Now.AddMinutes(4);

        Assert.Equal("10분 타이머를 잠시 멈췄어요.", home.Say("타이머 멈춰"));
        Assert.Equal(TimeSpan.FromMinutes(6), home.Scheduler.Items[0].PausedRemaining);
        home.Now = home.Now.AddMinutes(30);
        Assert.Equal("10분 타이머를 다시 시작했어요.", home.Say("타이머 다시 시작해"));
        Assert.Equal(home.Now.AddMinutes(6), home.Scheduler.Items[0].Due);
        Assert.Equal("10분 타이머를 5분 늘려서 11분 남았어요.", home.Say("타이머 5분 더 늘려줘"));
    }

    [Fact]
    public void A_missing_length_is_asked_for()
    {
        var home = new Conversation();

        Assert.Equal("몇 분으로 맞출까요?", home.Say("타이머 맞춰줘"));
        Assert.Empty(home.Scheduler.Items);
        Assert.Equal("5분 타이머를 시작했어요.", home.Say("오 분"));
        Assert.Single(home.Scheduler.Items);
    }

    [Fact]
    public void Cancelling_with_several_timers_asks_which()
    {
        var home = new Conversation();
        home.Say("라면 타이머 3분");
        home.Say("계란 타이머 10분");

        Assert.StartsWith("타이머가 2개 있어요", home.Say("타이머 취소해"));
        Assert.Equal("계란 타이머를 취소했어요.", home.Say("계란"));
        Assert.Equal("라면", Assert.Single(home.Scheduler.Items).Label);
        Assert.Equal("타이머를 취소했어요.", home.Say("모든 타이머 취소해줘"));
        Assert.Empty(home.Scheduler.Items);
    }

    [Fact]
    public void A_delayed_command_is_a_timer_carrying_the_command()
    {
        var home = new Conversation();

        Assert.Equal("30분 뒤에 할게요.", home.Say("30분 뒤에 거실 불 꺼줘"));
        Assert.Equal("거실 불 꺼줘", Assert.Single(home.Scheduler.Items).Command);
    }

    [Fact]
    public void Alarms_ask_for_a_missing_time_and_ring_at_the_next_occurrence()
    {
        var home = new Conversation();

        Assert.Equal("몇 시로 맞출까요?", home.Say("알람 맞춰줘"));
        Assert.Equal("내일 오전 7시에 알람을 맞췄어요.", home.Say("일곱 시"));
        var alarm = Assert.Single(home.Scheduler.Items);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.FromHours(9)), alarm.Due);
        Assert.Equal("오전 7시 알람이에요.", alarm.Announcement);
    }

    [Fact]
    public void Reminders_carry_their_message()
    {
        var home = new Conversation();

        Assert.Equal("내일 오후 3시에 알려 드릴게요.", home.Say("내일 3시에 병원 가라고 알려줘"));
        Assert.Equal("알려 드릴 게 있어요. 병원 가.", Assert.Single(home.Scheduler.Items).Announcement);
    }

    [Fact]
    public void English_timers_and_alarms()
    {
        var home = new Conversation();

        Assert.Equal("Started a 5 minute pasta timer.", home.Say("start a pasta timer for 5 minutes"));
        Assert.Equal("Alarm set for tomorrow at 6:30 AM.", home.Say("wake me up at 6:30"));
        Assert.Equal("I'll remind you today at 5:00 PM.", home.Say("remind me to call mom at 5 pm"));
        Assert.Equal("Here's your reminder: call mom.", home.Scheduler.Items.Single(i => i.Kind == ScheduleKind.Reminder).Announcement);
    }

    [Fact]
    public void Without_a_scheduler_timers_are_unavailable_not_misunderstood()
    {
        var home = new Conversation(services: new AssistantServices());

        Assert.Equal("지금은 타이머를 쓸 수 없어요.", home.Say("타이머 3분"));
    }

    [Fact]
    public void A_wake_up_call_a_few_seconds_away_is_set_for_the_next_minute_not_refused_as_past()
    {
        var room = new Conversation(Conversation.Sample("hotel-room.yaml"), speaker: "speaker")
        {
            Now = new DateTimeOffset(2026, 11, 25, 15, 20, 45, TimeSpan.FromHours(9)),
        };

        Assert.Equal("오늘 오후 3시 21분에 모닝콜을 해 드릴게요.", room.Say("10초 뒤에 모닝콜 해줘"));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 21, 0, TimeSpan.FromHours(9)), Assert.Single(room.Scheduler.Items).Due);
    }
}

