using Dure.Platform.Alliance;
using Dure.Platform.Conversations;
using Dure.Platform.Provisioning;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Scheduling;
using Dure.Platform.Clustering;
using Dure.Platform.Storage;
using Dure.Platform.Storage.Postgres;
using Dure.Platform.Tenancy;
using Dure.Skills;
using Dure.Skills.Agents;
using Dure.Skills.CustomSkills;
using Dure.Skills.Providers;
using Dure.Skills.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Dure.Platform;

public static class PlatformServices
{
    /// <summary>
    /// Registers the embedded SQLite storage under <paramref name="dataDirectory"/>, the platform's services for the skills
    /// (scheduler, home records, ticket desk), the assistant and provisioning, with options from <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddDurePlatform(this IServiceCollection services, string dataDirectory, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<DirectiveOptions>(configuration.GetSection(DirectiveOptions.Section));
        services.Configure<ScheduleOptions>(configuration.GetSection(ScheduleOptions.Section));
        services.Configure<VehicleOptions>(configuration.GetSection(VehicleOptions.Section));
        services.Configure<ArbitrationOptions>(configuration.GetSection(ArbitrationOptions.Section));
        services.Configure<ConversationOptions>(configuration.GetSection(ConversationOptions.Section));
        services.AddOptions<DeviceFlowOptions>().Bind(configuration.GetSection(DeviceFlowOptions.Section))
            .Validate(o => o.CodeLifetime > TimeSpan.Zero && o.Interval > TimeSpan.Zero, "Dure:DeviceFlow: CodeLifetime and Interval must be positive")
            .Validate(o => string.IsNullOrWhiteSpace(o.VerificationUri) || Uri.TryCreate(o.VerificationUri, UriKind.Absolute, out _),
                "Dure:DeviceFlow:VerificationUri must be an absolute URL")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        var storage = configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var onPostgres = storage.EffectiveProvider(cluster) == StorageProvider.PostgreSql;
        if (onPostgres)
        {
            services.AddPostgresStores(storage.NpgsqlConnectionString(cluster));
        }
        else
        {
            services.AddSqliteStores(dataDirectory);
        }

        services.AddSingleton<IHomeRecords>(sp => sp.GetRequiredService<IHomeRecordStore>());
        services.AddSingleton<ITicketDesk>(sp => sp.GetRequiredService<ITicketQueue>());
        services.AddSingleton<HomeDirectory>();
        services.AddSingleton<DeviceFlow>();

        // Partner skills: the store, webhook secrets encrypted with a key ring kept in the data directory, background
        // training of their models, and the webhook client (docs/custom-skills.md).
        var dataProtection = services.AddDataProtection().SetApplicationName("Dure");
        if (!onPostgres)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        }
        services.AddSingleton<SkillSecrets>();
        services.AddSingleton<SkillModelTrainer>();
        services.AddHostedService(sp => sp.GetRequiredService<SkillModelTrainer>());
        services.AddSingleton<SkillCatalog>();
        services.AddSingleton<SkillDirectory>();
        services.AddCustomSkillWebhooks(configuration);
        // The alliance: agents and routing rules, their tokens encrypted like skill secrets, and the A2A / Open Floor
        // client with a short timeout and no redirects (docs/alliance.md); the optional LLM agent.
        services.AddOptions<AllianceOptions>().Bind(configuration.GetSection(AllianceOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.MaxResponseBytes > 0, $"{AllianceOptions.Section}: Timeout and MaxResponseBytes must be positive")
            .ValidateOnStart();
        services.AddSingleton<AllianceSecrets>();
        services.AddHttpClient(AllianceRouter.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(3) })
            .RemoveAllLoggers();
        services.AddSingleton<AllianceRouter>();
        services.AddLlmAgent(configuration);
        services.AddSingleton<IScheduler, GrainScheduler>();
        services.TryAddSingleton<IProactiveSpeech, DefaultProactiveSpeech>();
        services.AddSingleton<HomeProvisioning>();
        services.AddHostedService<OutboxJanitor>();
        services.AddHostedService<ScheduleWaker>();
        services.AddSingleton<ConversationRecorder>();
        services.AddSingleton<ITurnRecorder>(sp => sp.GetRequiredService<ConversationRecorder>());
        // Registered before the silo, so stopped after it: the buffer is flushed once no grain can add to it.
        services.AddHostedService(sp => sp.GetRequiredService<ConversationRecorder>());
        services.AddHostedService<ConversationJanitor>();

        // Weather, maps and music: embedded unless configured otherwise (docs/providers.md); a partner's own,
        // registered before this call, is kept.
        services.AddDureProviders(configuration);
        services.TryAddSingleton(sp => new AssistantServices
        {
            Scheduler = sp.GetRequiredService<IScheduler>(),
            Records = sp.GetRequiredService<IHomeRecords>(),
            Tickets = sp.GetRequiredService<ITicketDesk>(),
            Weather = sp.GetService<IWeatherProvider>(),
            Maps = sp.GetService<IMapProvider>(),
            Music = sp.GetService<IMusicProvider>(),
            CustomSkills = sp.GetRequiredService<SkillDirectory>(),
            SkillWebhooks = sp.GetRequiredService<SkillWebhook>(),
            SkillMcp = sp.GetRequiredService<SkillMcpClient>(),
            Alliance = sp.GetRequiredService<AllianceRouter>(),
            Agent = sp.GetService<LlmAgent>(),
        });
        services.TryAddSingleton(sp => new Assistant(sp.GetRequiredService<AssistantServices>()));
        return services;
    }

    private static void AddSqliteStores(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(_ => SqliteDatabase.Open(dataDirectory));
        services.AddSingleton<IHomeStore, SqliteHomeStore>();
        services.AddSingleton<IDeviceCredentials, SqliteDeviceCredentials>();
        services.AddSingleton<IDirectiveOutbox, SqliteDirectiveOutbox>();
        services.AddSingleton<IDevicePresence, SqliteDevicePresence>();
        services.AddSingleton<IScheduleStore, SqliteScheduleStore>();
        services.AddSingleton<IHomeRecordStore, SqliteHomeRecords>();
        services.AddSingleton<ITicketQueue, SqliteTicketDesk>();
        services.AddSingleton<IPartnerKeys, SqlitePartnerKeys>();
        services.AddSingleton<ISiteStore, SqliteSites>();
        services.AddSingleton<IUserAccounts, SqliteUserAccounts>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IIdempotencyKeys, SqliteIdempotencyKeys>();
        services.AddSingleton<IDeviceFlowStore, SqliteDeviceFlow>();
        services.AddSkillStore<SqliteSkills>();
        services.AddSingleton<IAllianceStore, SqliteAlliance>();
        services.AddSingleton<IConversationLog, SqliteConversations>();
        services.AddSingleton<IHomeNetworkStore, SqliteHomeNetworks>();
    }

    /// <summary>The skill store of the backend, with the enabled skills every turn reads kept for a moment.</summary>
    private static void AddSkillStore<TStore>(this IServiceCollection services) where TStore : class, ISkillStore
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<ISkillStore>(sp => ActivatorUtilities.CreateInstance<CachedSkillStore>(sp, sp.GetRequiredService<TStore>()));
    }

    /// <summary>Every platform store on PostgreSQL (schema <c>dure</c>), the Data Protection key ring too: silos share nothing else.</summary>
    private static void AddPostgresStores(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => PostgresDatabase.Create(connectionString));
        services.AddSingleton<IHomeStore, PostgresHomeStore>();
        services.AddSingleton<IDeviceCredentials, PostgresDeviceCredentials>();
        services.AddSingleton<IDirectiveOutbox, PostgresDirectiveOutbox>();
        services.AddSingleton<IDevicePresence, PostgresDevicePresence>();
        services.AddSingleton<IScheduleStore, PostgresScheduleStore>();
        services.AddSingleton<IHomeRecordStore, PostgresHomeRecords>();
        services.AddSingleton<ITicketQueue, PostgresTicketDesk>();
        services.AddSingleton<IPartnerKeys, PostgresPartnerKeys>();
        services.AddSingleton<ISiteStore, PostgresSites>();
        services.AddSingleton<IUserAccounts, PostgresUserAccounts>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<IIdempotencyKeys, PostgresIdempotencyKeys>();
        services.AddSingleton<IDeviceFlowStore, PostgresDeviceFlow>();
        services.AddSkillStore<PostgresSkills>();
        services.AddSingleton<IAllianceStore, PostgresAlliance>();
        services.AddSingleton<IConversationLog, PostgresConversations>();
        services.AddSingleton<IHomeNetworkStore, PostgresHomeNetworks>();
        // The key ring's table comes with the migrations, which the first store call (provisioning at start) runs.
        services.AddOptions<KeyManagementOptions>().Configure<TimeProvider>((options, time) =>
            options.XmlRepository = new PostgresKeyRing(connectionString, time));
    }

    /// <summary>Orleans reminders kept in the embedded SQLite file (table <c>reminders</c>), so they survive restarts.</summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        silo.Services.AddSingleton<Orleans.IReminderTable, SqliteReminderTable>();
        return silo;
    }
}
