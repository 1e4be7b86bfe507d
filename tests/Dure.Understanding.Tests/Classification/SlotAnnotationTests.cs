using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

public class SlotAnnotationTests
{
    [Fact]
    public void Reads_massive_annotations_into_text_and_character_spans()
    {
        var (text, slots) = SlotAnnotation.Parse("wake me up at [time : five am] [date : this week]");

        Assert.Equal("wake me up at five am this week", text);
        Assert.Equal([new SlotSpan("time", 14, 7), new SlotSpan("date", 22, 9)], slots);
        Assert.Equal("five am", slots[0].In(text));
    }

    [Fact]
    public void A_particle_glued_to_a_slot_stays_outside_it()
    {
        var (text, slots) = SlotAnnotation.Parse("[item : 베개]를 하나 더 주세요");

        Assert.Equal("베개를 하나 더 주세요", text);
        Assert.Equal("베개", Assert.Single(slots).In(text));
    }

    [Fact]
    public void Formats_back_to_the_same_annotation()
    {
        const string annotated = "[item : 수건] [quantity : 두] 장 가져다 주세요";
        var (text, slots) = SlotAnnotation.Parse(annotated);

        Assert.Equal(annotated, SlotAnnotation.Format(text, slots));
    }

    [Theory]
    [InlineData("turn on [time : seven")]
    [InlineData("turn on [seven]")]
    [InlineData("turn on [ : seven]")]
    [InlineData("[a : [b : c]]")]
    public void Rejects_malformed_annotations(string annotated) =>
        Assert.Throws<FormatException>(() => SlotAnnotation.Parse(annotated));
}
