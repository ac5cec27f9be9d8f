using Microsoft.Extensions.Options;
using Store.Analytics.Archive;
using Store.Analytics.Audit;
using Store.Analytics.Ingest;
using Store.Analytics.Live;
using Store.Analytics.Processing;
using Store.Analytics.Purchases;
using Store.Analytics.Queries;
using Store.Data;
using Store.IntegrationEvents;
using Store.IntegrationEvents.Ordering;
using Store.Messaging;

namespace Store.Analytics;

internal static class AnalyticsServices
{
    /// <summary>A full batch of 500 events with properties stays under this.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddAnalyticsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(AnalyticsResources.Database);
        builder.Services.AddStrictJsonApi(AnalyticsJsonContext.Default, MaxRequestBodyBytes);
        builder.Services.AddApiDocument("Store analytics API",
            "Clickstream ingest, windowed aggregates, the funnel, replay, the live feed and the audit log. Errors are RFC 7807 problem details.");
        builder.Services.AddDatabaseMigrations(typeof(AnalyticsServices).Assembly, "Store.Analytics.Data.Migrations.");
        builder.Services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.Section)
            .Validate(options => options.IsValid(), $"{IngestOptions.Section}: every limit must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<ArchiveOptions>()
            .BindConfiguration(ArchiveOptions.Section)
            .Validate<IOptions<IngestOptions>>((archive, ingest) => archive.Retention > ingest.Value.MaxEventAge && archive.MaintenanceInterval > TimeSpan.Zero,
                $"{ArchiveOptions.Section}: the retention must be longer than {IngestOptions.Section}:MaxEventAge and the interval positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<ProcessorOptions>()
            .BindConfiguration(ProcessorOptions.Section)
            .Validate(options => options.IsValid(), $"{ProcessorOptions.Section}: sizes and intervals must be positive.")
            .ValidateOnStart();

        builder.Services.AddSingleton<AnalyticsTelemetry>();
        builder.Services.AddSingleton<Clickstream>();
        builder.Services.AddSingleton<ClickstreamLag>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClickstreamLag>());
        builder.Services.AddSingleton<ArchivePartitions>();
        builder.Services.AddSingleton<EventArchive>();
        builder.Services.AddSingleton<AggregateRebuild>();
        builder.Services.AddSingleton<AnalyticsQueries>();
        builder.Services.AddSingleton<TopProductsBoard>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveFeed>());
        builder.Services.AddHostedService<ClickstreamProcessor>();
        builder.Services.AddHostedService<ArchiveRetention>();

        builder.AddMessaging(AnalyticsResources.Service, messaging => messaging
            .Handles<OrderConfirmed, RecordPurchases>()
            .Observes<AuditTrail>(Producers.All)
            .ReadsOutsideTheBus(Clickstream.Stream));

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(AnalyticsTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(AnalyticsTelemetry.Name));
        return builder;
    }
}
