using System.Text.Json;
using Dure.Skills.CustomSkills;

namespace Dure.Skills.Tests.CustomSkills;

/// <summary>How an MCP server's tools become a skill's actions, and how slots said become the tool's typed arguments.</summary>
public sealed class McpActionsTests
{
    private static readonly McpTool Order = new("order_room_service", "룸서비스 주문", "Orders food to the room. Any hour.", JsonDocument.Parse("""
        {"type":"object","properties":{
          "item":{"type":"string"},
          "quantity":{"type":"integer"},
          "budget":{"type":["number","null"]},
          "spicy":{"type":"boolean"},
          "size":{"type":"string","enum":["small","large"]}},
         "required":["item","quantity"]}
        """).RootElement, Destructive: false);

    [Theory]
    [InlineData("2", "ko", 2)]
    [InlineData("세", "ko", 3)]
    [InlineData("두 개", "ko", 2)]
    [InlineData("열두", "ko", 12)]
    [InlineData("four", "en", 4)]
    [InlineData("twenty one", "en", 21)]
    public void An_integer_argument_is_a_number_however_it_was_said(string said, string language, long expected)
    {
        var (arguments, missing) = McpActions.Arguments(Order, new Dictionary<string, string> { ["item"] = "김치찌개", ["quantity"] = said }, language);
        Assert.Empty(missing);
        Assert.Equal(JsonValueKind.Number, arguments["quantity"].ValueKind);
        Assert.Equal(expected, arguments["quantity"].GetInt64());
        Assert.Equal("김치찌개", arguments["item"].GetString());
    }

    [Fact]
    public void Numbers_booleans_and_enums_follow_the_schema_and_what_does_not_fit_is_left_out()
    {
        var (arguments, missing) = McpActions.Arguments(Order, new Dictionary<string, string>
        {
            ["item"] = "pizza",
            ["quantity"] = "2.5", // not an integer
            ["budget"] = "30.5",
            ["spicy"] = "yes",
            ["size"] = "Large",
            ["unknown"] = "x",
        }, "en");
        Assert.Equal(["quantity"], missing);
        Assert.False(arguments.ContainsKey("quantity"));
        Assert.Equal(30.5, arguments["budget"].GetDouble());
        Assert.True(arguments["spicy"].GetBoolean());
        Assert.Equal("large", arguments["size"].GetString());
        Assert.False(arguments.ContainsKey("unknown"));

        (arguments, _) = McpActions.Arguments(Order, new Dictionary<string, string> { ["size"] = "medium", ["spicy"] = "아니요" }, "ko");
        Assert.False(arguments.ContainsKey("size"));
        Assert.False(arguments["spicy"].GetBoolean());
    }

    [Fact]
    public void Each_tool_is_an_intent_with_its_properties_as_slots_and_its_own_words_where_the_partner_gave_none()
    {
        var given = new InteractionModel([new SkillIntent("order_room_service", [new SkillSlot("item", ["김치찌개", "pizza"])],
            new LocalizedWords(En: ["order [quantity : 2] [item : pizza]"]))]);
        var model = McpActions.Model([Order], given);
        Assert.Null(model.Problem());
        var intent = Assert.Single(model.Intents!);
        Assert.Equal(["item", "quantity", "budget", "spicy", "size"], intent.Slots!.Select(s => s.Name));
        Assert.Equal(["김치찌개", "pizza"], intent.Slots![0].Values);
        Assert.Equal(["small", "large"], intent.Slots![4].Values);
        Assert.Equal(["order [quantity : 2] [item : pizza]"], intent.Samples!.En);
        // No Korean samples given: the Korean title stands in (the English description is not Korean).
        Assert.Equal(["룸서비스 주문"], intent.Samples!.Ko);
    }

    [Fact]
    public void Tools_that_cannot_be_actions_are_skipped_and_samples_for_no_tool_are_a_problem()
    {
        var empty = JsonDocument.Parse("{}").RootElement;
        var (usable, skipped) = McpActions.Usable([Order, new McpTool("bad name!", null, null, empty, false), new McpTool("none", null, null, empty, false)]);
        Assert.Equal(["order_room_service"], usable.Select(t => t.Name));
        Assert.Equal(2, skipped.Count);
        Assert.Contains("not a tool of the MCP server",
            McpActions.Problem(usable, new InteractionModel([new SkillIntent("order_pizza", null, new LocalizedWords(En: ["pizza"]))])), StringComparison.Ordinal);
        Assert.Contains("no tool", McpActions.Problem([], null), StringComparison.Ordinal);
    }
}
