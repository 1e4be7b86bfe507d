using System.CommandLine;
using Dure.Homes;
using Dure.Server;

namespace Dure.Cli.Commands;

/// <summary><c>dure serve</c>: runs the platform with embedded storage and demo data.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "URLs to listen on, separated by ';'",
            DefaultValueFactory = _ => "http://localhost:5000",
        };
        var data = new Option<string?>("--data") { Description = "data directory (default ./data, or Dure:DataDirectory)" };
        var homes = new Option<string[]>("--home") { Description = "a home file to import at start; repeatable" };

        var command = new Command("serve", "Run the Dure server") { urls, data, homes };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            Dictionary<string, string?> overrides = new() { ["urls"] = result.GetValue(urls) };
            if (result.GetValue(data) is { Length: > 0 } directory)
            {
                overrides["Dure:DataDirectory"] = directory;
            }

            var files = result.GetValue(homes) ?? [];
            for (var i = 0; i < files.Length; i++)
            {
                overrides[$"Dure:Homes:{i}"] = Path.GetFullPath(files[i]);
            }

            try
            {
                await using var app = DureServer.Build([], overrides);
                await DureServer.RunAsync(app, Console.Out, cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is HomeFileException or IOException)
            {
                // Operator mistakes (a bad home file, a port in use) deserve a sentence, not a stack trace.
                await Console.Error.WriteLineAsync($"dure serve: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
