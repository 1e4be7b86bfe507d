using Dure.Understanding.Grammar.Services;

namespace Dure.Understanding.Grammar;

/// <summary>
/// Tries the catalog's grammars in order of how specific their words are: conversation control, then the
/// service domains (each answers only when its topic or verb was said), and device control last, which
/// reads whatever is left as a home command or question.
/// </summary>
internal static class Catalog
{
    public static ParseResult Interpret(Frame frame, ParseContext context)
    {
        if (frame.Negation)
        {
            return Results.None(frame);
        }

        return ConversationGrammar.Interpret(frame)
            ?? TimerGrammar.Interpret(frame, context)
            ?? WeatherGrammar.Interpret(frame, context)
            ?? ClockGrammar.Interpret(frame, context)
            ?? ListGrammar.Interpret(frame, context)
            ?? ApartmentGrammar.Interpret(frame, context)
            ?? CommunicationGrammar.Interpret(frame)
            ?? HotelGrammar.Interpret(frame, context)
            ?? VehicleGrammar.Interpret(frame)
            ?? MediaGrammar.Interpret(frame, context)
            ?? HomeGrammar.Interpret(frame, context);
    }
}
