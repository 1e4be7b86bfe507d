using System.CommandLine;
using Dure.Cli.Commands;

namespace Dure.Cli;

/// <summary>The <c>dure</c> command line: see PRODUCT.md §9 and README.md. Each command lives in Commands/.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Dure — the open AI-assistant platform");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SayCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create());
        root.Subcommands.Add(NluCommands.Create());
        root.Subcommands.Add(BenchCommand.Create());
        // Ctrl+C cancels the running command; give `serve` time to close sockets and flush before the process ends.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
    }
}
