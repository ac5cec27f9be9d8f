namespace Store.AppHost;

internal static class EventBusExtensions
{
    /// <summary>
    /// Connects a service to the event bus, and hands it the AppHost's <c>Messaging</c> settings, if any, so that the
    /// bus of the whole system is tuned in one place (tests shorten its waits this way).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEventBus(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> bus) =>
        service.WithReference(bus).WaitFor(bus).WithSettings("Messaging");
}
