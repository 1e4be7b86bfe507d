using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

public static class ProviderServices
{
    /// <summary>
    /// Binds <c>Dure:Providers:Weather</c>, <c>:Maps</c> and <c>:Music</c> and registers <see cref="IWeatherProvider"/>,
    /// <see cref="IMapProvider"/> and <see cref="IMusicProvider"/> as singletons: the embedded defaults unless
    /// <c>Provider</c> names a real adapter. A provider registered before this call is kept (a partner's own); one
    /// registered after it replaces Dure's. Nothing reaches the network unless a real adapter is configured.
    /// </summary>
    public static IServiceCollection AddDureProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<WeatherProviderOptions>().Bind(configuration.GetSection(WeatherProviderOptions.Section))
            .Validate(o => Is(o.Provider, WeatherProviderOptions.Embedded) || Is(o.Provider, WeatherProviderOptions.OpenMeteo),
                $"{WeatherProviderOptions.Section}:Provider must be '{WeatherProviderOptions.Embedded}' or '{WeatherProviderOptions.OpenMeteo}'.");
        services.AddOptions<MapProviderOptions>().Bind(configuration.GetSection(MapProviderOptions.Section))
            .Validate(o => Is(o.Provider, MapProviderOptions.Embedded) || Is(o.Provider, MapProviderOptions.Kakao),
                $"{MapProviderOptions.Section}:Provider must be '{MapProviderOptions.Embedded}' or '{MapProviderOptions.Kakao}'.");
        services.AddOptions<MusicProviderOptions>().Bind(configuration.GetSection(MusicProviderOptions.Section))
            .Validate(o => Is(o.Provider, MusicProviderOptions.Embedded) || Is(o.Provider, MusicProviderOptions.Spotify),
                $"{MusicProviderOptions.Section}:Provider must be '{MusicProviderOptions.Embedded}' or '{MusicProviderOptions.Spotify}'.");

        services.AddHttpClient(OpenMeteoWeatherProvider.HttpClientName,
            (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WeatherProviderOptions>>().Value.Timeout);
        services.AddHttpClient(KakaoMapProvider.HttpClientName,
            (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<MapProviderOptions>>().Value.Timeout);
        services.AddHttpClient(SpotifyMusicProvider.HttpClientName,
            (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<MusicProviderOptions>>().Value.Timeout);

        services.TryAddSingleton<IWeatherProvider>(provider =>
            Is(provider.GetRequiredService<IOptions<WeatherProviderOptions>>().Value.Provider, WeatherProviderOptions.OpenMeteo)
                ? ActivatorUtilities.CreateInstance<OpenMeteoWeatherProvider>(provider)
                : ActivatorUtilities.CreateInstance<EmbeddedWeatherProvider>(provider));
        services.TryAddSingleton<IMapProvider>(provider =>
            Is(provider.GetRequiredService<IOptions<MapProviderOptions>>().Value.Provider, MapProviderOptions.Kakao)
                ? ActivatorUtilities.CreateInstance<KakaoMapProvider>(provider)
                : ActivatorUtilities.CreateInstance<EmbeddedMapProvider>(provider));
        services.TryAddSingleton<IMusicProvider>(provider =>
            Is(provider.GetRequiredService<IOptions<MusicProviderOptions>>().Value.Provider, MusicProviderOptions.Spotify)
                ? ActivatorUtilities.CreateInstance<SpotifyMusicProvider>(provider)
                : ActivatorUtilities.CreateInstance<EmbeddedMusicProvider>(provider));
        return services;
    }

    private static bool Is(string? configured, string provider) => string.Equals(configured?.Trim(), provider, StringComparison.OrdinalIgnoreCase);
}
