using System.Diagnostics;
using Npgsql;
using Store.Messaging.Outbox;

namespace Store.Messaging.Consumers;

/// <summary>
/// Runs a handler inside the transaction that records the message in the inbox, and remembers failed attempts outside
/// it. The inbox row is a plain INSERT queued ahead of the handler's first query: a message handled before fails it
/// with a unique violation, which rolls everything back and reads as a duplicate. Two consumers given the same message
/// serialize on that row: the second waits for the first to commit, then finds it.
/// </summary>
internal sealed partial class Inbox(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    OutboxPublisher publisher,
    MessagingRegistry registry,
    ILogger<Inbox> logger)
{
    private const string InboxKey = "inbox_pkey";

    public async Task<InboxOutcome> HandleAsync(Subscription subscription, EventEnvelope envelope, string entryId, int attempt, CancellationToken cancellationToken)
    {
        List<EventContext> handled;
        await using (var transaction = await publisher.BeginAsync(envelope, actor: null, cancellationToken))
        {
            try
            {
                handled = [await RunAsync(transaction, new Delivery(subscription, envelope, entryId), attempt, cancellationToken)];
                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException exception) when (IsDuplicate(exception))
            {
                return InboxOutcome.Duplicate;
            }
        }

        await RunCommittedActionsAsync(handled);
        return InboxOutcome.Handled;
    }

    /// <summary>
    /// Handles <paramref name="deliveries"/> (about different subjects, first delivery each) in one transaction: their
    /// inbox rows in one statement, a handler of runs (<see cref="IEventRunHandler{TEvent}"/>) once for all of its
    /// messages, any other handler once per message, each message's writes travelling with the next query, and one
    /// commit for them all. All or nothing: when any of them fails, nothing is committed and the caller handles each
    /// alone, where failures are counted per message.
    /// </summary>
    /// <param name="startActivity">Starts the span of the message at that index: what it publishes continues its trace.</param>
    public async Task HandleRunAsync(IReadOnlyList<Delivery> deliveries, Func<int, Activity?> startActivity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(startActivity);
        var outer = Activity.Current;
        var handled = new List<EventContext>(deliveries.Count);
        try
        {
            await using (var transaction = await publisher.BeginAsync(cause: null, actor: null, cancellationToken))
            {
                transaction.Write(new NpgsqlBatchCommand("""
                    INSERT INTO messaging.inbox (consumer_group, event_id, stream_entry_id)
                    SELECT $1, * FROM unnest($2::uuid[], $3::text[])
                    """)
                {
                    Parameters =
                    {
                        new() { Value = registry.ConsumerGroup },
                        new() { Value = deliveries.Select(delivery => delivery.Envelope.EventId).ToArray() },
                        new() { Value = deliveries.Select(delivery => delivery.EntryId).ToArray() },
                    },
                });
                for (var i = 0; i < deliveries.Count; i++)
                {
                    handled.Add(new EventContext(deliveries[i].Envelope, attempt: 1, transaction, startActivity(i)));
                    Activity.Current = outer;
                }

                await using var scope = scopes.CreateAsyncScope();
                foreach (var group in handled.Select((context, i) => (Context: context, deliveries[i].Subscription)).GroupBy(item => item.Subscription))
                {
                    if (group.Key.InvokeRunAsync is { } invokeRun)
                    {
                        await invokeRun(scope.ServiceProvider, [.. group.Select(item => item.Context)], cancellationToken);
                        continue;
                    }

                    foreach (var (context, subscription) in group)
                    {
                        Activity.Current = context.Span;
                        await subscription.InvokeAsync(scope.ServiceProvider, context, cancellationToken);
                        Activity.Current = outer;
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var context in handled)
            {
                context.Span?.Dispose();
            }

            Activity.Current = outer;
        }

        await RunCommittedActionsAsync(handled);
    }

    private async Task<EventContext> RunAsync(OutboxTransaction transaction, Delivery delivery, int attempt, CancellationToken cancellationToken)
    {
        transaction.Write(new NpgsqlBatchCommand("INSERT INTO messaging.inbox (consumer_group, event_id, stream_entry_id) VALUES ($1, $2, $3)")
        {
            Parameters = { new() { Value = registry.ConsumerGroup }, new() { Value = delivery.Envelope.EventId }, new() { Value = delivery.EntryId } },
        });
        if (attempt > 1)
        {
            transaction.Write(new NpgsqlBatchCommand("DELETE FROM messaging.failures WHERE consumer_group = $1 AND event_id = $2")
            {
                Parameters = { new() { Value = registry.ConsumerGroup }, new() { Value = delivery.Envelope.EventId } },
            });
        }

        var context = new EventContext(delivery.Envelope, attempt, transaction);
        await using var scope = scopes.CreateAsyncScope();
        await delivery.Subscription.InvokeAsync(scope.ServiceProvider, context, cancellationToken);
        return context;
    }

    private async Task RunCommittedActionsAsync(List<EventContext> handled)
    {
        foreach (var context in handled)
        {
            foreach (var action in context.CommittedActions)
            {
                try
                {
                    await action();
                }
                catch (Exception exception)
                {
                    // The effects are committed; a failed follow-up must not make the message look unhandled.
                    LogCommittedActionFailed(logger, context.Envelope.EventType, context.Envelope.EventId, exception);
                }
            }
        }
    }

    private static bool IsDuplicate(PostgresException exception) => exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: InboxKey };

    /// <summary>The attempts made so far on <paramref name="eventId"/>; 0 when none failed.</summary>
    public async Task<int> FailedAttemptsAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT attempts FROM messaging.failures WHERE consumer_group = $1 AND event_id = $2");
        command.Parameters.Add(new() { Value = registry.ConsumerGroup });
        command.Parameters.Add(new() { Value = eventId });
        return await command.ExecuteScalarAsync(cancellationToken) is int attempts ? attempts : 0;
    }

    /// <summary>Counts one more failed attempt and returns the total.</summary>
    public async Task<int> RecordFailureAsync(Guid eventId, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO messaging.failures (consumer_group, event_id, attempts, last_error) VALUES ($1, $2, 1, $3)
            ON CONFLICT (consumer_group, event_id)
            DO UPDATE SET attempts = failures.attempts + 1, last_error = EXCLUDED.last_error, last_failed_at = now()
            RETURNING attempts
            """);
        command.Parameters.Add(new() { Value = registry.ConsumerGroup });
        command.Parameters.Add(new() { Value = eventId });
        command.Parameters.Add(new() { Value = error });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Forgets the failed attempts, so a redriven message gets its full number again.</summary>
    public async Task ForgetFailuresAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM messaging.failures WHERE consumer_group = $1 AND event_id = $2");
        command.Parameters.Add(new() { Value = registry.ConsumerGroup });
        command.Parameters.Add(new() { Value = eventId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A follow-up of handled {EventType} {EventId} failed after commit")]
    private static partial void LogCommittedActionFailed(ILogger logger, string eventType, Guid eventId, Exception exception);
}
