using Dure.Homes;

namespace Dure.Homes.Tests;

public class NameTemplateTests
{
    [Fact]
    public void Alternatives_expand_to_each_name()
    {
        Assert.Equal(["거실 조명", "거실 전등", "거실 등"], NameTemplate.Expand("(거실 조명|거실 전등|거실 등)"));
    }

    [Fact]
    public void Alternatives_inside_a_phrase_cross_with_the_rest()
    {
        Assert.Equal(["주방 조리대 조명", "주방 싱크대 조명"], NameTemplate.Expand("주방 (조리대|싱크대) 조명"));
    }

    [Fact]
    public void Optional_parts_appear_with_and_without()
    {
        Assert.Equal(["Trader Joe's", "Trader Joes"], NameTemplate.Expand("Trader Joe[']s"));
    }

    [Fact]
    public void Plain_names_are_kept_and_spaces_collapsed()
    {
        Assert.Equal(["Living Room Lamp"], NameTemplate.Expand("  Living  Room Lamp "));
    }
}
