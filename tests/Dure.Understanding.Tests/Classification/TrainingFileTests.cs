using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

public class TrainingFileTests
{
    [Fact]
    public void Reads_intents_slots_samples_by_language_and_out_of_scope()
    {
        var file = Fixtures.Hotel;

        Assert.Equal(["hotel.request_amenity", "hotel.book_spa", "hotel.late_checkout", "hotel.wifi_info"], file.Intents.Select(i => i.Name));
        var amenity = file.Intents[0];
        Assert.Equal(["item", "quantity"], amenity.Slots);
        Assert.Equal(18, amenity.Samples.Count);
        Assert.Equal("수건", amenity.Samples[0].Slots[0].In(amenity.Samples[0].Text));
        Assert.Equal(8, file.OutOfScope.Count);
        Assert.Equal(8, file.Examples.Count(e => e.Intent == IntentModel.OutOfScope));
    }

    [Fact]
    public void Json_is_read_the_same_way()
    {
        var file = Fixtures.Load("car-intents.json");

        Assert.Equal(3, file.Intents.Count);
        Assert.Equal(["seat", "level"], file.Intents[0].Slots);
    }

    [Fact]
    public void Says_which_sample_uses_an_undeclared_slot()
    {
        const string yaml = """
            intents:
              car.open_trunk:
                slots: [door]
                samples: ["open the [side : rear] trunk"]
            """;

        var error = Assert.Throws<FormatException>(() => TrainingFile.Parse(yaml, "car.yaml"));

        Assert.Contains("car.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"side\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("samples: [a]")]
    [InlineData("intents:\n  x.y:\n    slots: [a]")]
    [InlineData("intents:\n  none:\n    samples: [a]")]
    [InlineData("intents:\n  x.y:\n    samples: [\"[a : b\"]")]
    public void Rejects_files_that_cannot_train(string yaml) =>
        Assert.Throws<FormatException>(() => TrainingFile.Parse(yaml));
}
