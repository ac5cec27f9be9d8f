using Microsoft.Extensions.Options;
using Store.Data;
using Store.Messaging.Api;
using Store.Messaging.Consumers;
using Store.Messaging.DeadLetters;
using Store.Messaging.Outbox;
using Store.Messaging.Retention;
using Store.Messaging.Telemetry;

namespace Store.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The AppHost's name for the Redis server that carries the streams.</summary>
    public const string BusConnectionName = "bus";

    /// <summary>
    /// Connects the service to the event bus as <paramref name="serviceName"/>, its consumer group. Needs the service's
    /// <c>NpgsqlDataSource</c>: the outbox, inbox and failure tables are migrated into its database.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName, Action<MessagingBuilder> declare)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(declare);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        var registry = new MessagingRegistry(serviceName);
        declare(new MessagingBuilder(builder.Services, registry));

        builder.AddKeyedRedisClient(BusConnectionName);
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        builder.Services.AddDatabaseMigrations(typeof(MessagingServiceCollectionExtensions).Assembly, "Store.Messaging.Schema.");

        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MessagingTelemetry>();
        builder.Services.AddSingleton<OutboxPublisher>();
        builder.Services.AddSingleton<IEventPublisher>(services => services.GetRequiredService<OutboxPublisher>());
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddSingleton<ExpiredRequests>();
        builder.Services.AddSingleton<OutboxBacklog>();
        builder.Services.AddSingleton<DeadLetterStore>();
        builder.Services.AddSingleton<IDeadLetters>(services => services.GetRequiredService<DeadLetterStore>());
        builder.Services.AddSingleton<OutboxReplay>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(MessagingJsonContext.Default));
        builder.Services.AddHostedService<MessagingMaintenance>();
        if (registry.ProducedStreams.Count > 0)
        {
            builder.Services.AddHostedService<OutboxRelay>();
        }

        if (registry.HasSubscriptions)
        {
            builder.Services.AddHostedService<StreamConsumer>();
        }

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(MessagingTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(MessagingTelemetry.Name));
        return builder;
    }
}
