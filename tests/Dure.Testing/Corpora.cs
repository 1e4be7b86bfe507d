namespace Dure.Testing;

/// <summary>
/// Finds the external evaluation corpora (PRODUCT.md §8): <c>$DURE_CORPORA</c>, else a <c>shared/corpora</c>
/// folder beside any ancestor of the test binaries (the checkout's <c>../shared/corpora</c>).
/// </summary>
public static class Corpora
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string? Directory => Root.Value;

    /// <summary>The path of a file or folder inside the corpora; skips the test when the corpora are not on this machine.</summary>
    public static string Path(string relative)
    {
        var root = Root.Value;
        if (root is null)
        {
            Xunit.Assert.Skip("the external corpora (../shared/corpora or $DURE_CORPORA) are not on this machine");
            throw new InvalidOperationException("unreachable: Assert.Skip throws");
        }

        return System.IO.Path.Combine(root, relative);
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("DURE_CORPORA") is { Length: > 0 } configured && System.IO.Directory.Exists(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpora");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return System.IO.Directory.Exists("/work/shared/corpora") ? "/work/shared/corpora" : null;
    }
}
