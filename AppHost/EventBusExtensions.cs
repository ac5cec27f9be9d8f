using Microsoft.Extensions.Configuration;

namespace Store.AppHost;

internal static class EventBusExtensions
{
    private const string MessagingSection = "Messaging";

    /// <summary>
    /// Connects a service to the event bus, and hands it the AppHost's <c>Messaging</c> settings, if any, so that the
    /// bus of the whole system is tuned in one place (tests shorten its waits this way).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEventBus(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> bus)
    {
        service.WithReference(bus).WaitFor(bus);
        foreach (var (key, value) in service.ApplicationBuilder.Configuration.GetSection(MessagingSection).AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                service.WithEnvironment($"{MessagingSection}__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        return service;
    }
}
