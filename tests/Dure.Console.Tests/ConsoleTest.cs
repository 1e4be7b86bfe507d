using Microsoft.Playwright;

namespace Dure.Console.Tests;

/// <summary>
/// A console test: opens pages on the shared server and browser and closes their contexts when the test ends, so no
/// page of a finished test keeps polling.
/// </summary>
public abstract class ConsoleTest(ConsoleLab lab) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    protected ConsoleLab Lab => lab;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async Task<IPage> NewPageAsync()
    {
        var page = await lab.NewPageAsync();
        _contexts.Add(page.Context);
        return page;
    }

    protected async Task<IPage> SignedInPageAsync(string email = ConsoleLab.OwnerEmail, string password = ConsoleLab.OwnerPassword)
    {
        var page = await lab.SignedInPageAsync(email, password);
        _contexts.Add(page.Context);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }
}
