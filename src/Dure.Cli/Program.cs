using System.CommandLine;

namespace Dure.Cli;

/// <summary>The <c>dure</c> command line: see PRODUCT.md §9 and README.md.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Dure — the open AI-assistant platform");
        root.Subcommands.Add(Commands.NluCommands.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
