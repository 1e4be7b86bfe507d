using System.Text;

namespace Dure.Platform.Provisioning;

/// <summary>One record of a CSV file: its fields, and the line it starts on (a quoted field may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file that cannot be read; <c>Line</c> is where the problem is.</summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException() { }

    public CsvFormatException(string message) : base(message) { }

    public CsvFormatException(string message, Exception inner) : base(message, inner) { }

    public CsvFormatException(int line, string message) : base($"line {line}: {message}") => Line = line;

    public int Line { get; }
}

/// <summary>
/// Reads CSV as RFC 4180 defines it, and as spreadsheets write it: comma-separated fields, records ended by CRLF (or a
/// bare LF), fields in double quotes may hold commas, line breaks and doubled quotes (<c>""</c>). A byte-order mark at the
/// start and empty lines are skipped. Fields are returned as written, spaces included.
/// </summary>
public static class Csv
{
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<CsvRecord> records = [];
        List<string> fields = [];
        StringBuilder field = new();
        var position = text.StartsWith('\uFEFF') ? 1 : 0;
        var line = 1;
        var recordLine = 1;
        var quotedField = false; // the current field was quoted, so even an empty one counts

        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"' && field.Length == 0 && !quotedField)
            {
                var start = line;
                position++;
                while (true)
                {
                    if (position >= text.Length)
                    {
                        throw new CsvFormatException(start, "a quoted field is never closed");
                    }

                    var q = text[position];
                    if (q == '"')
                    {
                        if (position + 1 < text.Length && text[position + 1] == '"')
                        {
                            field.Append('"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append(q);
                    position++;
                }

                quotedField = true;
                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(line, "a closing quote must end its field (write a quote inside a quoted field as \"\")");
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    quotedField = false;
                    position++;
                    break;
                case '\r' or '\n':
                    position += c == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    throw new CsvFormatException(line, "a quote inside an unquoted field (quote the whole field and double the quote)");
                default:
                    field.Append(c);
                    position++;
                    break;
            }
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            if (fields.Count == 0 && field.Length == 0 && !quotedField)
            {
                return; // an empty line
            }

            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, [.. fields]));
            fields.Clear();
            field.Clear();
            quotedField = false;
        }
    }
}
