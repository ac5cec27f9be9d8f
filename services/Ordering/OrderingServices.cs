using Store.Data;
using Store.IntegrationEvents;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging;
using Store.Ordering.Backlog;
using Store.Ordering.Orders;
using Store.Ordering.Saga;

namespace Store.Ordering;

internal static class OrderingServices
{
    /// <summary>The largest valid order (50 lines) is well under this.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    public static IHostApplicationBuilder AddOrderingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(OrderingResources.Database);
        builder.Services.AddStrictJsonApi(OrderingJsonContext.Default, MaxRequestBodyBytes);
        builder.Services.AddApiDocument("Store ordering API",
            "Orders and their saga: stock, payment, confirmation or cancellation. Errors are RFC 7807 problem details.");

        builder.Services.AddDatabaseMigrations(typeof(OrderingServices).Assembly, "Store.Ordering.Data.Migrations.");
        builder.Services.AddOptions<SagaOptions>()
            .BindConfiguration(SagaOptions.Section)
            .Validate(options => options.IsValid(), $"{SagaOptions.Section}: every timeout and interval must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<AdmissionOptions>()
            .BindConfiguration(AdmissionOptions.Section)
            .Validate(options => options.IsValid(), $"{AdmissionOptions.Section}: MaxQueueWait must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OrderAdmission>();
        builder.Services.AddSingleton<OrderFlowBacklog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OrderFlowBacklog>());
        builder.Services.AddSingleton<SagaCoordinator>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderReads>();
        builder.Services.AddHostedService<SagaTimeouts>();

        builder.AddMessaging(Producers.Ordering, messaging => messaging
            .Publishes<OrderSubmitted>()
            .Publishes<PaymentRequested>()
            .Publishes<OrderConfirmed>()
            .Publishes<OrderCancelled>()
            .HandlesRuns<StockReserved, SagaEvents>()
            .HandlesRuns<StockRejected, SagaEvents>()
            .HandlesRuns<StockReleased, SagaEvents>()
            .HandlesRuns<PaymentAuthorized, SagaEvents>()
            .HandlesRuns<PaymentDeclined, SagaEvents>()
            .HandlesRuns<PaymentVoided, SagaEvents>());
        return builder;
    }
}
