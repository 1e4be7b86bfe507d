using Dure.Platform.Provisioning;

namespace Dure.Server.Tests.Provisioning;

/// <summary>The RFC 4180 reader behind the bulk import, on what spreadsheets and scripts actually write.</summary>
public sealed class CsvTests
{
    private static string[][] Fields(string text) => [.. Csv.Parse(text).Select(r => r.Fields.ToArray())];

    [Fact]
    public void Plain_fields_split_on_commas_and_records_on_CRLF_or_LF()
    {
        Assert.Equal([["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]], Fields("a,b,c\r\nd,e,f\ng,h,i"));
        Assert.Equal([["a", "b"]], Fields("a,b\r\n"));
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var records = Csv.Parse("name,note\r\n\"거실, 조명\",\"the \"\"big\"\" one\"\r\n\"two\r\nlines\",x\r\nlast,row\r\n");

        Assert.Equal(["거실, 조명", "the \"big\" one"], records[1].Fields);
        Assert.Equal(["two\r\nlines", "x"], records[2].Fields);
        Assert.Equal(["last", "row"], records[3].Fields);
        Assert.Equal([1, 2, 3, 5], records.Select(r => r.Line)); // the record after a two-line field starts on line 5
    }

    [Fact]
    public void Empty_fields_are_kept_and_a_quoted_empty_field_makes_a_record()
    {
        Assert.Equal([["a", "", "c", ""]], Fields("a,,c,"));
        Assert.Equal([[""]], Fields("\"\""));
        Assert.Equal([["", ""]], Fields(","));
    }

    [Fact]
    public void A_byte_order_mark_and_empty_lines_are_skipped()
    {
        var records = Csv.Parse("\uFEFFhomeId,deviceId\r\n\r\nh1,d1\n\n\r\nh2,d2\r\n\r\n");

        Assert.Equal([["homeId", "deviceId"], ["h1", "d1"], ["h2", "d2"]], records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 3, 6], records.Select(r => r.Line));
        Assert.Empty(Csv.Parse(""));
        Assert.Empty(Csv.Parse("\uFEFF\r\n\n"));
    }

    [Fact]
    public void Spaces_are_part_of_fields()
    {
        Assert.Equal([[" a ", " b"]], Fields(" a , b"));
        Assert.Equal([[" quoted ", "x"]], Fields("\" quoted \",x"));
    }

    [Theory]
    [InlineData("a,b\r\n\"never closed,x\r\n", 2, "never closed")]
    [InlineData("a,\"closed\"early,b", 1, "closing quote")]
    [InlineData("a\r\nb,c\"d", 2, "quote inside an unquoted field")]
    public void Broken_quoting_is_reported_with_its_line(string text, int line, string message)
    {
        var error = Assert.Throws<CsvFormatException>(() => Csv.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}:", error.Message, StringComparison.Ordinal);
    }
}
