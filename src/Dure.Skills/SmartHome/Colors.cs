namespace Dure.Skills.SmartHome;

/// <summary>Color names for answers; the parser's canonical color ids are English words.</summary>
internal static class Colors
{
    public static (string Korean, string English) Name(string color) => color switch
    {
        "red" => ("빨간색", "red"),
        "orange" => ("주황색", "orange"),
        "yellow" => ("노란색", "yellow"),
        "green" => ("초록색", "green"),
        "blue" => ("파란색", "blue"),
        "purple" => ("보라색", "purple"),
        "pink" => ("분홍색", "pink"),
        "white" => ("흰색", "white"),
        "warm_white" => ("전구색", "warm white"),
        "cyan" => ("청록색", "cyan"),
        _ => (color, color),
    };
}
