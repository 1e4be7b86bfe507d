using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dure.Platform.Storage;
using Dure.Protocol;
using Dure.Sdk.Skills;

namespace Dure.Server.Tests.Skills;

/// <summary>
/// Partner skills end to end: a device of the real server talks, the server calls the skill's HTTPS webhook on loopback
/// (a Kestrel server with a self-signed certificate it was told to trust), and the device hears the answer.
/// </summary>
public sealed class CustomSkillTests(SkillLab lab) : IClassFixture<SkillLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_device_calling_a_skill_by_its_Korean_name_hears_the_webhooks_answer()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Received.Count;
        var turn = await TalkAsync(speaker, "별자리친구한테 오늘 운세 물어봐");
        Assert.Equal("오늘은 좋은 일이 생길 거예요.", turn.Speech);
        Assert.Equal("ko", turn.Lang);

        var received = Assert.Single(lab.Since(before));
        var request = received.Parsed;
        Assert.Equal("/fortune", received.Path);
        Assert.Equal(("1.0", "fortune", "acme", lab.Enabled.SiteId, lab.Enabled.HomeId, "speaker", "ko"),
            (request.Version, request.SkillId, request.TenantId, request.SiteId, request.HomeId, request.DeviceId, request.Lang));
        Assert.Equal("오늘 운세", request.Text);
        Assert.Equal("fortune.today", request.Intent?.Name);
        Assert.True(request.Session.New);
        Assert.Equal(request.RequestId, received.RequestId);
        Assert.InRange(request.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);

        turn = await TalkAsync(speaker, "별자리 친구야 양자리 운세 알려줘");
        Assert.Equal("양자리 운세는 맑음이에요.", turn.Speech);
        Assert.Equal("양자리", lab.Since(before).Last().Parsed.Intent!.Slots["sign"]);
    }

    [Fact]
    public async Task A_device_calling_a_skill_by_its_English_name_hears_the_webhooks_answer()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Received.Count;
        var turn = await TalkAsync(speaker, "Ask Star Friend about my horoscope today");
        Assert.Equal(("Something good will happen today.", "en"), (turn.Speech, turn.Lang));
        var request = Assert.Single(lab.Since(before)).Parsed;
        Assert.Equal(("en", "my horoscope today", "fortune.today"), (request.Lang, request.Text, request.Intent?.Name));

        // Only opened: no intent, and the skill says hello.
        turn = await TalkAsync(speaker, "open star friend");
        Assert.Equal("This is Star Friend. What would you like to know?", turn.Speech);
        Assert.Null(lab.Since(before).Last().Parsed.Intent);
    }

    [Fact]
    public async Task Only_device_safe_directives_for_the_homes_own_devices_get_through()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var turn = await TalkAsync(speaker, "별자리친구한테 행운의 숫자 물어봐");
        Assert.Equal("행운의 숫자는 7이에요. 조명을 켜 둘게요.", turn.Speech);
        var controls = turn.Messages.Where(m => RawDevice.Name(m) == MessageNames.DeviceControl).Select(RawDevice.Payload).ToList();
        var control = Assert.Single(controls, p => p.GetProperty("params").TryGetProperty("brightness", out var b) && b.GetInt32() == 77);
        Assert.Equal(("light.living_room", "light", "turn_on"),
            (control.GetProperty("device").GetString(), control.GetProperty("domain").GetString(), control.GetProperty("action").GetString()));
        Assert.DoesNotContain(controls, p => p.GetProperty("device").GetString() == "light.somewhere_else");
        Assert.DoesNotContain(turn.Messages, m => RawDevice.Name(m) is MessageNames.PhoneCall or MessageNames.SystemError);
        Assert.Contains("dropped its Phone.Call directive", lab.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_where_the_skill_is_not_enabled_does_not_reach_it_until_it_is()
    {
        await using var other = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Other.SpeakerToken, Ct);
        var before = lab.Received.Count;
        var turn = await TalkAsync(other, "별자리친구한테 오늘 운세 물어봐");
        Assert.NotEqual("오늘은 좋은 일이 생길 거예요.", turn.Speech);
        Assert.DoesNotContain(lab.Since(before), r => r.Path == "/fortune");

        using var admin = lab.AcmeAdmin();
        var listed = await admin.GetAsync($"/v1/sites/{lab.Other.SiteId}/skills", Ct);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == "fortune" && !s.GetProperty("enabled").GetBoolean());
        var enabled = await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{lab.Other.SiteId}/skills/fortune", null, Ct);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("오늘은 좋은 일이 생길 거예요.", (await TalkAsync(other, "별자리친구한테 오늘 운세 물어봐")).Speech);
        Assert.Equal(lab.Other.HomeId, lab.Since(before).Single(r => r.Path == "/fortune").Parsed.HomeId);

        await admin.OkAsync(HttpMethod.Delete, $"/v1/sites/{lab.Other.SiteId}/skills/fortune", null, Ct);
        var count = lab.Received.Count;
        Assert.NotEqual("오늘은 좋은 일이 생길 거예요.", (await TalkAsync(other, "별자리친구한테 오늘 운세 물어봐")).Speech);
        Assert.Equal(count, lab.Received.Count);
        Assert.Contains(Json(await admin.GetAsync("/v1/audit", Ct)), e => e == ("skill.disable", "fortune"));
    }

    [Fact]
    public async Task Without_its_name_words_like_the_skills_samples_reach_it_while_built_in_commands_stay_built_in()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Received.Count;
        Assert.Equal("오늘은 좋은 일이 생길 거예요.", (await TalkAsync(speaker, "오늘 내 운세 좀 봐 줄래")).Speech);
        var request = Assert.Single(lab.Since(before)).Parsed;
        Assert.Equal(("오늘 내 운세 좀 봐 줄래", "fortune.today"), (request.Text, request.Intent?.Name));
        Assert.InRange(request.Intent!.Confidence, 0.5, 1);

        Assert.Equal("Your lucky number is 7.", (await TalkAsync(speaker, "pick me a lucky number")).Speech);

        var count = lab.Received.Count;
        var light = await TalkAsync(speaker, "거실 불 켜줘");
        Assert.Equal("거실 조명을 켰어요.", light.Speech);
        Assert.Contains(light.Messages, m => RawDevice.Name(m) == MessageNames.DeviceControl);
        Assert.Equal("죄송해요, 잘 이해하지 못했어요. 다시 말씀해 주시겠어요?", (await TalkAsync(speaker, "배고파 죽겠다")).Speech);
        Assert.Equal(count, lab.Received.Count);
    }

    [Fact]
    public async Task A_skill_that_keeps_listening_gets_the_next_turn_with_its_session_attributes()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Received.Count;
        var ask = await TalkAsync(speaker, "두레피자한테 피자 주문해줘");
        Assert.Equal("어떤 크기로 드릴까요?", ask.Speech);
        Assert.True(ask.ExpectsSpeech);

        var answer = await TalkAsync(speaker, "라지");
        Assert.Equal("라지 피자를 주문했어요.", answer.Speech);
        Assert.False(answer.ExpectsSpeech);
        var (first, second) = (lab.Since(before)[0].Parsed, lab.Since(before)[1].Parsed);
        Assert.Equal("pizza.order", first.Intent?.Name);
        Assert.Equal(first.Session.Id, second.Session.Id);
        Assert.False(second.Session.New);
        Assert.Equal("size", second.Session.Attributes["step"].GetString());
        Assert.Equal(1, second.Session.Attributes["turns"].GetInt32());
        Assert.Equal("라지", second.Text);

        // The skill ended the conversation: "라지" alone is nothing to the assistant now.
        Assert.Equal("죄송해요, 잘 이해하지 못했어요. 다시 말씀해 주시겠어요?", (await TalkAsync(speaker, "라지")).Speech);
        Assert.Equal(2, lab.Since(before).Count);

        // In English, too.
        Assert.Equal("What size would you like?", (await TalkAsync(speaker, "ask dure pizza to order a pizza")).Speech);
        Assert.Equal("I ordered a large pizza.", (await TalkAsync(speaker, "large")).Speech);
    }

    [Fact]
    public async Task Cancel_ends_a_skill_conversation_without_calling_the_skill()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        Assert.True((await TalkAsync(speaker, "두레피자 열어줘")).ExpectsSpeech);
        var before = lab.Received.Count;
        var cancelled = await TalkAsync(speaker, "취소");
        Assert.Equal("알겠어요, 취소했어요.", cancelled.Speech);
        Assert.False(cancelled.ExpectsSpeech);
        Assert.Equal("죄송해요, 잘 이해하지 못했어요. 다시 말씀해 주시겠어요?", (await TalkAsync(speaker, "라지")).Speech);
        Assert.Equal(before, lab.Received.Count);
    }

    [Fact]
    public async Task A_webhook_slower_than_three_seconds_is_an_apology_within_three_and_a_half()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var clock = Stopwatch.StartNew();
        var turn = await TalkAsync(speaker, "거북선한테 출항하라고 해줘");
        clock.Stop();
        Assert.Equal("죄송해요, 거북선이 지금 응답하지 않아요.", turn.Speech);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(3.5));
        Assert.False(turn.ExpectsSpeech);
        await speaker.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task A_webhook_that_fails_or_answers_nonsense_is_a_clear_apology_and_nothing_breaks()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        const string Apology = "죄송해요, 고장난라디오에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요.";
        foreach (var said in new[] { "고장난라디오한테 오백 물어봐", "고장난라디오한테 크게 물어봐", "고장난라디오한테 빈말 물어봐", "고장난라디오한테 숫자 물어봐",
            "고장난라디오한테 아무거나 물어봐" })
        {
            Assert.Equal(Apology, (await TalkAsync(speaker, said)).Speech);
        }

        Assert.Equal("Sorry, something went wrong with Broken Radio. Please try again later.", (await TalkAsync(speaker, "ask broken radio to tune in")).Speech);

        // Directives that make no sense are dropped one by one; the rest of the answer still plays.
        var junk = await TalkAsync(speaker, "고장난라디오한테 잡동사니 물어봐");
        Assert.Equal("잡동사니예요.", junk.Speech);
        Assert.DoesNotContain(junk.Messages, m => RawDevice.Name(m) is MessageNames.DeviceControl or MessageNames.AlertStart);
        Assert.Contains(junk.Messages, m => RawDevice.Name(m) == MessageNames.NavigationStop);
        Assert.Contains("larger than 65536 bytes", lab.Server.Output, StringComparison.Ordinal);
        await speaker.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task The_published_verifier_refuses_a_request_not_signed_with_the_skills_secret()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Received.Count;
        // The impostor skill points at the fortune webhook, which knows only fortune's secret.
        Assert.Equal("죄송해요, 가짜친구에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요.", (await TalkAsync(speaker, "가짜친구한테 이야기해 달라고 해줘")).Speech);
        var refused = Assert.Single(lab.Since(before));
        Assert.Equal("impostor", refused.Parsed.SkillId);
        Assert.Equal(SkillSignatureResult.Mismatch, new SkillRequestVerifier(lab.Secrets["fortune"]).Verify(refused.Signature, refused.Body, refused.At));
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier(lab.Secrets["impostor"]).Verify(refused.Signature, refused.Body, refused.At));

        // A genuine request with its body changed is refused too.
        await TalkAsync(speaker, "별자리친구한테 오늘 운세 물어봐");
        var genuine = lab.Received.Last();
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(genuine.Body).Replace("\"speaker\"", "\"intruder\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(genuine with { Body = tampered }));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(genuine with { Signature = "" }));
    }

    [Fact]
    public async Task A_replayed_request_is_refused_once_it_is_more_than_five_minutes_old()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        await TalkAsync(speaker, "별자리친구한테 오늘 운세 물어봐");
        var captured = lab.Received.Last();
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(captured));
        try
        {
            lab.WebhookClock.Offset = TimeSpan.FromMinutes(6);
            Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(captured));
            lab.WebhookClock.Offset = TimeSpan.FromMinutes(-6);
            Assert.Equal(HttpStatusCode.Unauthorized, await ReplayAsync(captured));
        }
        finally
        {
            lab.WebhookClock.Offset = TimeSpan.Zero;
        }

        var verifier = new SkillRequestVerifier(lab.Secrets["fortune"]);
        Assert.Equal(SkillSignatureResult.Valid, verifier.Verify(captured.Signature, captured.Body, captured.At.AddMinutes(4)));
        Assert.Equal(SkillSignatureResult.OutsideTolerance, verifier.Verify(captured.Signature, captured.Body, captured.At.AddMinutes(5).AddSeconds(2)));
    }

    [Fact]
    public async Task A_rotated_secret_signs_alongside_the_old_one_during_the_grace_period()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var old = lab.Secrets["rotating"];
        lab.RotatingVerifier = new SkillRequestVerifier(old);
        Assert.Equal("회전목마가 돌아가요.", (await TalkAsync(speaker, "회전목마 한 바퀴 돌자")).Speech);
        Assert.Single(V1(lab.Received.Last()));

        using var admin = lab.AcmeAdmin();
        var rotated = await admin.PostAsync("/v1/skills/rotating/secret", null, Ct);
        var secret = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("dure_ss_", secret, StringComparison.Ordinal);
        Assert.NotEqual(old, secret);
        Assert.InRange(rotated.GetProperty("previousValidUntil").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));

        lab.RotatingVerifier = new SkillRequestVerifier(secret);
        Assert.Equal("회전목마가 돌아가요.", (await TalkAsync(speaker, "회전목마 한 바퀴 돌자")).Speech);
        Assert.Equal(2, V1(lab.Received.Last()).Count);
        lab.RotatingVerifier = new SkillRequestVerifier(old);
        Assert.Equal("회전목마가 돌아가요.", (await TalkAsync(speaker, "회전목마 한 바퀴 돌자")).Speech);
        lab.RotatingVerifier = new SkillRequestVerifier(["dure_ss_someone_else", secret]);
        Assert.Equal("회전목마가 돌아가요.", (await TalkAsync(speaker, "회전목마 한 바퀴 돌자")).Speech);
        lab.RotatingVerifier = new SkillRequestVerifier("dure_ss_someone_else");
        Assert.Equal("죄송해요, 회전목마에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요.", (await TalkAsync(speaker, "회전목마 한 바퀴 돌자")).Speech);

        var shown = await admin.GetAsync("/v1/skills/rotating", Ct);
        Assert.DoesNotContain(secret, shown.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(Json(await admin.GetAsync("/v1/audit", Ct)), e => e == ("skill.secret.rotate", "rotating"));
        lab.Secrets["rotating"] = secret;
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_every_skill_of_acme()
    {
        using var rival = lab.Client(lab.RivalAdminKey);
        var rivalSite = (await rival.PostAsync("/v1/sites", new { name = "라이벌 호텔", kind = "hotel" }, Ct)).GetProperty("id").GetString()!;
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "/v1/skills/fortune", null),
            (HttpMethod.Patch, "/v1/skills/fortune", new { name = "탈취" }),
            (HttpMethod.Delete, "/v1/skills/fortune", null),
            (HttpMethod.Post, "/v1/skills/fortune/secret", null),
            (HttpMethod.Put, $"/v1/sites/{rivalSite}/skills/fortune", null),
            (HttpMethod.Get, $"/v1/sites/{lab.Enabled.SiteId}/skills", null),
            (HttpMethod.Delete, $"/v1/sites/{lab.Enabled.SiteId}/skills/fortune", null),
        })
        {
            var (status, json, _) = await rival.SendAsync(method, path, body, Ct);
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {(int)status} {json}");
            Assert.Equal("not_found", json.GetProperty("code").GetString());
        }

        Assert.DoesNotContain("fortune", Partners.Json.Ids(await rival.GetAsync("/v1/skills", Ct)));
        using var acme = lab.AcmeAdmin();
        var (acmeStatus, _, _) = await acme.SendAsync(HttpMethod.Put, $"/v1/sites/{rivalSite}/skills/fortune", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, acmeStatus);
        Assert.Equal("별자리친구", (await acme.GetAsync("/v1/skills/fortune", Ct)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Registration_refuses_bad_input_clearly_and_keeps_the_secret_encrypted_at_rest()
    {
        using var admin = lab.AcmeAdmin();
        var model = new { intents = new[] { new { name = "x.go", samples = new { ko = new[] { "가자" } } } } };
        foreach (var (body, expected) in new (object, string)[]
        {
            (new { name = "평문", invocationNames = new { ko = new[] { "평문이" } }, interactionModel = model, webhook = new { url = "http://127.0.0.1:9/hook" } }, "must be https"),
            (new { name = "이름 없음", interactionModel = model, webhook = new { url = "https://example.test/hook" } }, "invocationNames"),
            (new { name = "짧은 이름", invocationNames = new { ko = new[] { "가" } }, interactionModel = model, webhook = new { url = "https://example.test/hook" } }, "2-40 characters"),
            (new { name = "빈 모델", invocationNames = new { en = new[] { "Empty" } }, interactionModel = new { intents = Array.Empty<object>() }, webhook = new { url = "https://example.test/hook" } }, "1 to 100 intents"),
            (new { name = "비밀", invocationNames = new { en = new[] { "Secretive" } }, interactionModel = model, webhook = new { url = "https://user:pw@example.test/hook" } }, "credentials"),
        })
        {
            var (status, json, _) = await admin.SendAsync(HttpMethod.Post, "/v1/skills", body, Ct);
            Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {json}");
            Assert.Equal("invalid_request", json.GetProperty("code").GetString());
            Assert.Contains(expected, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var (conflict, _, _) = await admin.SendAsync(HttpMethod.Post, "/v1/skills",
            new { id = "fortune", name = "두 번째", invocationNames = new { ko = new[] { "두번째" } }, interactionModel = model, webhook = new { url = "https://example.test/hook" } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict);

        // An idempotent create answers the same secret again, without keeping it anywhere in the clear.
        var idempotent = new { id = "echo", name = "메아리", invocationNames = new { ko = new[] { "메아리" } }, interactionModel = model, webhook = new { url = "https://example.test/hook" } };
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "create-echo-1" };
        var (_, once, _) = await admin.SendAsync(HttpMethod.Post, "/v1/skills", idempotent, Ct, headers: headers);
        var (_, again, replay) = await admin.SendAsync(HttpMethod.Post, "/v1/skills", idempotent, Ct, headers: headers);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(once.GetProperty("secret").GetString(), again.GetProperty("secret").GetString());
        lab.Secrets["echo"] = once.GetProperty("secret").GetString()!;

        // The secrets Dure signs with are nowhere in its database files in the clear, and the key ring is in the data directory.
        var stored = string.Concat(Directory.GetFiles(lab.Server.DataDirectory, SqliteDatabase.FileName + "*")
            .Select(f => Encoding.Latin1.GetString(ReadShared(f))));
        Assert.Contains("dure_ss_", string.Concat(lab.Secrets.Values), StringComparison.Ordinal);
        Assert.All(lab.Secrets.Values, secret => Assert.DoesNotContain(secret, stored, StringComparison.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(lab.Server.DataDirectory, "keys"), "*.xml"));
        var listed = await admin.GetAsync("/v1/skills", Ct);
        Assert.DoesNotContain("secret", listed.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Json(await admin.GetAsync("/v1/audit?limit=500", Ct)), e => e == ("skill.create", "fortune"));
    }

    [Fact]
    public async Task A_changed_interaction_model_is_trained_again_and_its_new_intent_reaches_the_skill()
    {
        using var admin = lab.AcmeAdmin();
        var created = await admin.PostAsync("/v1/skills", new
        {
            id = "garden",
            name = "정원사",
            invocationNames = new { ko = new[] { "정원사" }, en = new[] { "Gardener" } },
            interactionModel = new { intents = new[] { new { name = "garden.water", samples = new { ko = new[] { "물 줘", "화분에 물 줘" }, en = new[] { "water the plants" } } } } },
            webhook = new { url = lab.Webhook("rotating").ToString() },
        }, Ct);
        Assert.Equal("training", created.GetProperty("model").GetProperty("status").GetString());
        var trained = (await lab.WaitUntilTrainedAsync("garden", Ct)).GetProperty("model").GetProperty("trainedAt").GetDateTimeOffset();
        lab.RotatingVerifier = new SkillRequestVerifier(created.GetProperty("secret").GetString()!);
        await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{lab.Enabled.SiteId}/skills/garden", null, Ct);

        var changed = await admin.OkAsync(HttpMethod.Patch, "/v1/skills/garden", new
        {
            interactionModel = new
            {
                intents = new object[]
                {
                    new { name = "garden.water", samples = new { ko = new[] { "물 줘", "화분에 물 줘" }, en = new[] { "water the plants" } } },
                    new { name = "garden.prune", samples = new { ko = new[] { "가지 쳐 줘", "가지치기 해 줘", "나무 다듬어 줘" }, en = new[] { "prune the trees", "trim the hedge" } } },
                },
            },
        }, Ct);
        Assert.Equal(2, changed.GetProperty("interactionModel").GetProperty("intents").GetArrayLength());
        var retrained = (await lab.WaitUntilTrainedAsync("garden", Ct)).GetProperty("model").GetProperty("trainedAt").GetDateTimeOffset();
        Assert.True(retrained > trained);

        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        Assert.Equal("회전목마가 돌아가요.", (await TalkAsync(speaker, "정원사한테 가지치기 해 달라고 해줘")).Speech);
        Assert.Equal(("garden", "garden.prune"), (lab.Received.Last().Parsed.SkillId, lab.Received.Last().Parsed.Intent?.Name));

        await admin.OkAsync(HttpMethod.Delete, "/v1/skills/garden", null, Ct);
        var (gone, _, _) = await admin.SendAsync(HttpMethod.Get, "/v1/skills/garden", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.NotEqual("회전목마가 돌아가요.", (await TalkAsync(speaker, "정원사한테 가지치기 해 달라고 해줘")).Speech);
    }

    private sealed record Heard(string Speech, string Lang, bool ExpectsSpeech, List<JsonElement> Messages);

    /// <summary>Says something and collects what comes back: directives, the answer, and whether the device should listen again.</summary>
    private static async Task<Heard> TalkAsync(RawDevice device, string text)
    {
        var id = await device.SayAsync(text, Ct);
        List<JsonElement> messages = [];
        var speech = await device.ReceiveAsync(m =>
        {
            messages.Add(m);
            return RawDevice.Name(m) == MessageNames.SpeechSpeak && m.TryGetProperty("replyTo", out var to) && to.GetString() == id;
        }, Ct);
        messages.AddRange(await device.DrainAsync(TimeSpan.FromMilliseconds(150), Ct));

        // Acknowledged, so that the next test's connection of the same device does not get them again.
        foreach (var message in messages)
        {
            await device.AckAsync(message.GetProperty("id").GetString()!, Ct);
        }

        var payload = RawDevice.Payload(speech);
        return new Heard(payload.GetProperty("text").GetString()!, payload.GetProperty("lang").GetString()!,
            messages.Any(m => RawDevice.Name(m) == MessageNames.SpeechExpectSpeech && m.GetProperty("replyTo").GetString() == id), messages);
    }

    /// <summary>Sends a captured request to its webhook again, as an attacker who recorded it would.</summary>
    private async Task<HttpStatusCode> ReplayAsync(ReceivedRequest captured)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, lab.Webhook(captured.Path.TrimStart('/'))) { Content = new ByteArrayContent(captured.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (captured.Signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(SkillRequestVerifier.SignatureHeader, captured.Signature);
        }

        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static List<string> V1(ReceivedRequest request) =>
        [.. request.Signature.Split(',').Where(p => p.StartsWith("v1=", StringComparison.Ordinal))];

    private static IEnumerable<(string Action, string Target)> Json(JsonElement audit) =>
        audit.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("target").GetString()!));

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
