using Store.Data;
using Store.IntegrationEvents;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging;
using Store.Ordering.Orders;
using Store.Ordering.Saga;
using Store.Ordering.Saga.Handlers;

namespace Store.Ordering;

internal static class OrderingServices
{
    /// <summary>The largest valid order (50 lines) is well under this.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    public static IHostApplicationBuilder AddOrderingServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(OrderingResources.Database);
        builder.Services.AddStrictJsonApi(OrderingJsonContext.Default, MaxRequestBodyBytes);

        builder.Services.AddDatabaseMigrations(typeof(OrderingServices).Assembly, "Store.Ordering.Data.Migrations.");
        builder.Services.AddOptions<SagaOptions>()
            .BindConfiguration(SagaOptions.Section)
            .Validate(options => options.IsValid(), $"{SagaOptions.Section}: every timeout and interval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddHostedService<SagaTimeouts>();

        builder.AddMessaging(Producers.Ordering, messaging => messaging
            .Publishes<OrderSubmitted>()
            .Publishes<PaymentRequested>()
            .Publishes<OrderConfirmed>()
            .Publishes<OrderCancelled>()
            .Handles<StockReserved, StockReservedHandler>()
            .Handles<StockRejected, StockRejectedHandler>()
            .Handles<StockReleased, StockReleasedHandler>()
            .Handles<PaymentAuthorized, PaymentAuthorizedHandler>()
            .Handles<PaymentDeclined, PaymentDeclinedHandler>()
            .Handles<PaymentVoided, PaymentVoidedHandler>());
        return builder;
    }
}
