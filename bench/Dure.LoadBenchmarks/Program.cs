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

        if (args is ["registered", .. var options])
        {
            await RegisteredDevicesScale.RunAsync(options);
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: turns [devices] [turns] [rounds] | registered [devices] [talkers] [turns] [rounds]");
        return 2;
    }
}
