using Dure.Homes;

namespace Dure.Platform.Demo;

/// <summary>The demo apartment unit shipped with Dure (demo-home.yaml, embedded).</summary>
public static class DemoHome
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(DemoHome).Assembly.GetManifestResourceStream("Dure.Platform.Demo.demo-home.yaml")
            ?? throw new InvalidOperationException("the demo home resource is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The demo home file's text, for seeding and for tools that need a home when none is given.</summary>
    public static string Yaml => Text.Value;

    public static Home Load() => HomeFile.Parse(Text.Value, "demo-home");
}
