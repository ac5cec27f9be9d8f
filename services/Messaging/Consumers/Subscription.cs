using System.Text.Json;

namespace Store.Messaging.Consumers;

/// <summary>
/// One handled event type: where it arrives from and how its payload reaches the handler, one message at a time and,
/// for an <see cref="IEventRunHandler{TEvent}"/>, a run of them at once (<see cref="InvokeRunAsync"/>).
/// </summary>
/// <param name="RunKind">For a handler of runs, the handler's type: messages share a run only with messages for the same handler.</param>
internal sealed record Subscription(
    string EventType,
    string Stream,
    Func<IServiceProvider, EventContext, CancellationToken, Task> InvokeAsync,
    Func<IServiceProvider, IReadOnlyList<EventContext>, CancellationToken, Task>? InvokeRunAsync = null,
    string? RunKind = null)
{
    /// <summary>A request whose deadline has passed (<see cref="IExpiringEvent"/>) is taken as handled without running the handler.</summary>
    public static Subscription For<TEvent, THandler>()
        where TEvent : IIntegrationEvent<TEvent>
        where THandler : IEventHandler<TEvent>
        => new(TEvent.EventType, StreamNames.ForProducer(TEvent.Producer), (services, context, cancellationToken) =>
        {
            var @event = Deserialize<TEvent>(context);
            return IsExpired(services, @event, context)
                ? Task.CompletedTask
                : services.GetRequiredService<THandler>().HandleAsync(@event, context, cancellationToken);
        });

    /// <summary>As <see cref="For{TEvent, THandler}"/>, for a handler of runs: expired requests are left out of the run.</summary>
    public static Subscription ForRuns<TEvent, THandler>()
        where TEvent : IIntegrationEvent<TEvent>
        where THandler : IEventRunHandler<TEvent>
    {
        return new(TEvent.EventType, StreamNames.ForProducer(TEvent.Producer),
            (services, context, cancellationToken) => InvokeAsync(services, [context], cancellationToken),
            InvokeAsync,
            typeof(THandler).FullName);

        static Task InvokeAsync(IServiceProvider services, IReadOnlyList<EventContext> contexts, CancellationToken cancellationToken)
        {
            var run = new List<RunMessage<TEvent>>(contexts.Count);
            foreach (var context in contexts)
            {
                var @event = Deserialize<TEvent>(context);
                if (!IsExpired(services, @event, context))
                {
                    run.Add(new(@event, context));
                }
            }

            return run.Count == 0 ? Task.CompletedTask : services.GetRequiredService<THandler>().HandleRunAsync(run, cancellationToken);
        }
    }

    private static TEvent Deserialize<TEvent>(EventContext context) where TEvent : IIntegrationEvent<TEvent>
        => JsonSerializer.Deserialize(context.Envelope.Payload, TEvent.JsonTypeInfo)
            ?? throw new MalformedMessageException($"The payload of {TEvent.EventType} is null.");

    private static bool IsExpired<TEvent>(IServiceProvider services, TEvent @event, EventContext context)
        => @event is IExpiringEvent request && services.GetRequiredService<ExpiredRequests>().HaveGivenUpOn(request, context);
}
