namespace Dure.LoadBenchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["turns", .. var rest])
        {
            await TurnRecordingCost.RunAsync(rest);
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: turns [devices] [turns] [rounds]");
        return 2;
    }
}
