using Store.Data;
using Store.IntegrationEvents;
using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging;
using Store.Payments.Handlers;
using Store.Payments.Provider;

namespace Store.Payments;

internal static class PaymentsServices
{
    public static IHostApplicationBuilder AddPaymentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(PaymentsResources.Database);
        builder.Services.AddDatabaseMigrations(typeof(PaymentsServices).Assembly, "Store.Payments.Data.Migrations.");
        builder.Services.AddApiDocument("Store payments API",
            "The payments worker's only HTTP surface: its bus operations (dead letters, outbox replay). Errors are RFC 7807 problem details.");
        builder.Services.AddOptions<ProviderOptions>()
            .BindConfiguration(ProviderOptions.Section)
            .Validate(options => options.IsValid(), $"{ProviderOptions.Section}: Latency is 0 to 30 s, DeclineRate 0 to 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SimulatedPaymentProvider>();

        builder.AddMessaging(Producers.Payments, messaging => messaging
            .Publishes<PaymentAuthorized>()
            .Publishes<PaymentDeclined>()
            .Publishes<PaymentVoided>()
            .HandlesRuns<PaymentRequested, AuthorizePayment>()
            .Handles<OrderCancelled, VoidPayment>());
        return builder;
    }
}
