namespace Dure.HomeNetworks;

public enum HomeNetworkOutcome
{
    Done,
    NotFound,
    Invalid,
}

/// <summary>The outcome of configuring a site's home network: done with a value, not found, or invalid with a sentence why.</summary>
public sealed record HomeNetworkResult<T>(HomeNetworkOutcome Outcome, T? Value = default, string? Error = null)
{
    public static HomeNetworkResult<T> NotFound { get; } = new(HomeNetworkOutcome.NotFound);

    public static HomeNetworkResult<T> Invalid(string error) => new(HomeNetworkOutcome.Invalid, default, error);

    public static HomeNetworkResult<T> Done(T value) => new(HomeNetworkOutcome.Done, value);
}
