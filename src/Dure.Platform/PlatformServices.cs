using Dure.Platform.Storage;
using Dure.Skills;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dure.Platform;

public static class PlatformServices
{
    /// <summary>Registers the embedded SQLite storage under <paramref name="dataDirectory"/>, the assistant and provisioning.</summary>
    public static IServiceCollection AddDurePlatform(this IServiceCollection services, string dataDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => SqliteDatabase.Open(dataDirectory));
        services.AddSingleton<IHomeStore, SqliteHomeStore>();
        services.AddSingleton<IDeviceCredentials, SqliteDeviceCredentials>();
        services.AddSingleton<IDirectiveOutbox, SqliteDirectiveOutbox>();
        services.AddSingleton<HomeProvisioning>();
        services.AddHostedService<OutboxJanitor>();
        services.TryAddSingleton<Assistant>();
        return services;
    }
}
