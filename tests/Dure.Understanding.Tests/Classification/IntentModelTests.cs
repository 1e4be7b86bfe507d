using System.Text.Json.Nodes;
using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

/// <summary>Training and prediction on the hand-written hotel and car fixtures; every test sentence is new to the model.</summary>
public class IntentModelTests
{
    [Theory]
    [InlineData("수건 네 장만 가져다 주세요", "hotel.request_amenity")]
    [InlineData("베개 하나만 더 갖다 줄래요", "hotel.request_amenity")]
    [InlineData("내일 스파 예약할 수 있어요?", "hotel.book_spa")]
    [InlineData("체크아웃 늦게 해도 돼요?", "hotel.late_checkout")]
    [InlineData("와이파이 비밀번호가 뭐예요", "hotel.wifi_info")]
    [InlineData("could you bring two more pillows", "hotel.request_amenity")]
    [InlineData("i want to book a massage for tonight", "hotel.book_spa")]
    [InlineData("what's the password for the wifi", "hotel.wifi_info")]
    public void Learns_korean_and_english_intents_from_samples(string text, string intent)
    {
        var prediction = Fixtures.HotelIntents.Predict(text);

        Assert.Equal(intent, prediction.Intent);
        Assert.InRange(prediction.Confidence, Fixtures.HotelIntents.Threshold, 1);
    }

    [Fact]
    public void Tags_korean_slots_without_their_particles()
    {
        var prediction = Fixtures.HotelIntents.Predict("담요를 두 장 가져다 주세요");

        Assert.Equal("hotel.request_amenity", prediction.Intent);
        Assert.Contains("item=담요", Fixtures.SlotsOf(prediction));
    }

    [Fact]
    public void Tags_english_slots()
    {
        var prediction = Fixtures.HotelIntents.Predict("please bring me three towels");

        Assert.Equal(["quantity=three", "item=towels"], Fixtures.SlotsOf(prediction));
    }

    [Fact]
    public void Learns_from_a_json_training_file_too()
    {
        var prediction = Fixtures.CarIntents.Predict("조수석 열선 켜 줘");

        Assert.Equal("car.seat_heater", prediction.Intent);
        Assert.Contains("seat=조수석", Fixtures.SlotsOf(prediction));
        Assert.Equal("car.open_trunk", Fixtures.CarIntents.Predict("트렁크 좀 열어 줄래").Intent);
    }

    [Theory]
    [InlineData("오늘 날씨 주식 시세 알려줘")]
    [InlineData("tell me a funny joke")]
    [InlineData("누가 대통령이야")]
    public void Rejects_what_the_out_of_scope_samples_resemble(string text)
    {
        var prediction = Fixtures.HotelIntents.Predict(text);

        Assert.Null(prediction.Intent);
        Assert.NotEqual(IntentModel.OutOfScope, prediction.BestIntent);
    }

    [Fact]
    public void Confidences_are_probabilities_and_the_threshold_rejects_below_it()
    {
        var model = IntentModel.Train(Fixtures.Hotel.Examples, new IntentModelOptions(Threshold: 0.999), cancellationToken: TestContext.Current.CancellationToken);

        var prediction = model.Predict("수건 좀 주세요");

        Assert.Null(prediction.Intent);
        Assert.Equal("hotel.request_amenity", prediction.BestIntent);
        Assert.InRange(prediction.Confidence, 0.25, 0.999);
    }

    [Fact]
    public void Tunes_a_threshold_and_temperature_on_held_out_samples()
    {
        var model = Fixtures.HotelIntents;

        Assert.InRange(model.Threshold, 0, 0.9);
        Assert.InRange(model.Temperature, 0.3, 4.0);
        Assert.Equal(["hotel.book_spa", "hotel.late_checkout", "hotel.request_amenity", "hotel.wifi_info"], model.Intents);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var a = IntentModel.Train(Fixtures.Hotel.Examples, cancellationToken: TestContext.Current.CancellationToken).Predict("스파 예약");
        var b = IntentModel.Train(Fixtures.Hotel.Examples, cancellationToken: TestContext.Current.CancellationToken).Predict("스파 예약");

        Assert.Equal(a.Confidence, b.Confidence);
    }

    [Fact]
    public async Task Saves_and_loads_the_same_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dure-model-{Guid.NewGuid():N}.bin");
        try
        {
            var model = Fixtures.HotelIntents;
            await model.SaveAsync(path, TestContext.Current.CancellationToken);
            var loaded = await IntentModel.LoadAsync(path, TestContext.Current.CancellationToken);

            foreach (var text in new[] { "수건 두 장 가져다 주세요", "book a spa for 8 pm", "tell me a joke" })
            {
                var expected = model.Predict(text);
                var actual = loaded.Predict(text);
                Assert.Equal(expected.Intent, actual.Intent);
                Assert.Equal(expected.Confidence, actual.Confidence, 12);
                Assert.Equal(Fixtures.SlotsOf(expected), Fixtures.SlotsOf(actual));
            }

            Assert.Equal(model.Threshold, loaded.Threshold);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_model()
    {
        using var garbage = new MemoryStream("not a model"u8.ToArray());

        Assert.ThrowsAny<InvalidDataException>(() => IntentModel.Load(garbage));
    }

    [Fact]
    public void Refuses_a_truncated_model()
    {
        using var full = new MemoryStream();
        Fixtures.CarIntents.Save(full);
        using var whole = new MemoryStream();
        using (var unzip = new System.IO.Compression.GZipStream(new MemoryStream(full.ToArray()), System.IO.Compression.CompressionMode.Decompress))
        {
            unzip.CopyTo(whole);
        }

        using var truncated = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(truncated, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(whole.ToArray().AsSpan(0, (int)whole.Length / 2));
        }

        truncated.Position = 0;
        Assert.Throws<InvalidDataException>(() => IntentModel.Load(truncated));
    }

    [Fact]
    public void Understand_gives_the_parsers_result_with_string_slots()
    {
        var result = Fixtures.HotelIntents.Understand("생수 두 병 갖다 주세요", "ko");

        Assert.NotNull(result);
        Assert.Equal("hotel.request_amenity", result.Intent);
        var item = result["item"];
        Assert.NotNull(item);
        Assert.Equal("생수", Assert.IsAssignableFrom<JsonValue>(item.Value).GetValue<string>());
        Assert.Equal("생수", item.Spoken);
        Assert.Null(Fixtures.HotelIntents.Understand("tell me a joke", "en"));
    }
}
