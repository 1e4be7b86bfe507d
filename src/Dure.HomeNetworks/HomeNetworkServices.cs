using Dure.HomeNetworks.Mqtt;
using Dure.HomeNetworks.WallPad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dure.HomeNetworks;

public static class HomeNetworkServices
{
    /// <summary>
    /// Registers the MQTT bridges and wall-pad adapters (docs/home-networks.md). Their secrets are encrypted with the
    /// platform's Data Protection key ring (<c>AddDurePlatform</c> registers it). Register after the Orleans silo, so that
    /// the bridges stop before it does.
    /// </summary>
    public static IServiceCollection AddDureHomeNetworks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<HomeNetworkOptions>(configuration.GetSection(HomeNetworkOptions.Section));
        services.AddSingleton<HomeNetworkSecrets>();
        services.AddSingleton<MqttBridges>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBridges>());
        services.AddHttpClient(WallPadAdapters.HttpClientName);
        services.AddSingleton<WallPadAdapters>();
        services.AddHostedService(sp => sp.GetRequiredService<WallPadAdapters>());
        services.AddSingleton<WallPadInbound>();
        return services;
    }
}
