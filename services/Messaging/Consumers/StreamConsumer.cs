using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using Store.Data;
using Store.Messaging.DeadLetters;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Consumers;

/// <summary>
/// The service's consumer in its group on every stream it subscribes to. Its <see cref="ConsumerGroupLoop"/> reads as
/// long as it has room and takes over entries idle on dead consumers; it handles entries concurrently across subjects
/// and in stream order within one (<see cref="SubjectLanes"/>), acknowledges after commit, retries failures in place
/// with doubling pauses and dead-letters a message after the last attempt. New messages about different subjects are
/// handled up to <see cref="MessagingOptions.MessagesPerTransaction"/> at a time in one transaction (one commit);
/// when such a run fails, each of its messages is handled again alone.
/// </summary>
internal sealed partial class StreamConsumer(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    IConfiguration configuration,
    MessagingRegistry registry,
    Inbox inbox,
    DeadLetterStore deadLetters,
    DatabaseReadiness database,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<StreamConsumer> logger) : BackgroundService, IConsumerGroupHandler
{
    private readonly MessagingOptions _options = options.Value;
    private readonly SubjectLanes _lanes = new(options.Value.MaxConcurrency);
    private ConsumerGroupLoop? _loop;

    private string Group => registry.ConsumerGroup;

    int IConsumerGroupHandler.Room => _lanes.Free * _options.MessagesPerTransaction;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        string[] streams = [.. registry.ConsumedStreams, StreamNames.Redrive(Group)];
        _loop = new ConsumerGroupLoop(bus, configuration, Group, streams, this,
            new(_options.ConsumerBatchSize, _options.BlockTimeout, _options.ClaimIdleAfter, _options.RetryDelay, _options.MaxBackoff),
            TimeProvider.System, logger);
        await _loop.RunAsync(stoppingToken);

        // Messages in hand finish (or roll back, being cancelled); what is unacknowledged is redelivered elsewhere.
        await _lanes.DrainAsync();
    }

    public override void Dispose()
    {
        _lanes.Dispose();
        base.Dispose();
    }

    Task IConsumerGroupHandler.WaitForRoomAsync(CancellationToken cancellationToken) => _lanes.WaitForFreeSlotAsync(cancellationToken);

    async Task IConsumerGroupHandler.HandleAsync(IReadOnlyList<(string Stream, StreamEntry Entry)> entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (redelivered || _options.MessagesPerTransaction == 1)
        {
            // Delivered before: likely handled or failing already; each goes alone, with its attempts counted.
            foreach (var (stream, entry) in entries)
            {
                // An entry already in hand (read again from the pending list) is skipped by the lanes.
                await DispatchAsync(stream, entry, redelivered, cancellationToken);
            }

            return;
        }

        foreach (var run in MessageRuns.Of(entries, SubjectOf, KindOf, _options.MessagesPerTransaction))
        {
            if (run.Count > 1 && await DispatchRunAsync(run, cancellationToken))
            {
                continue;
            }

            // One message, or a run one of whose messages is already in hand (which the lanes then skip).
            foreach (var (stream, entry) in run)
            {
                await DispatchAsync(stream, entry, redelivered: false, cancellationToken);
            }
        }
    }

    void IConsumerGroupHandler.ReportPending(long pending) => telemetry.ReportPending(pending);

    private static string SubjectOf(string stream, StreamEntry entry) =>
        entry[StreamEntryCodec.Subject] is { IsNull: false } subject ? subject.ToString() : MessageId(stream, entry);

    /// <summary>A handler of runs gets runs of its own; every other message may share a run with any other.</summary>
    private string KindOf(string stream, StreamEntry entry) =>
        entry[StreamEntryCodec.Type] is { IsNull: false } type ? registry.RunKindOf(type.ToString()) : string.Empty;

    // Entry ids are unique within a stream only: two streams can each hold a 1764300000000-0.
    private static string MessageId(string stream, StreamEntry entry) => $"{stream}/{entry.Id}";

    private Task<bool> DispatchAsync(string stream, StreamEntry entry, bool redelivered, CancellationToken cancellationToken) =>
        _lanes.RunAsync(MessageId(stream, entry), SubjectOf(stream, entry), () => GuardAsync(() => ProcessAsync(stream, entry, redelivered, cancellationToken), cancellationToken), cancellationToken);

    private Task<bool> DispatchRunAsync(IReadOnlyList<(string Stream, StreamEntry Entry)> run, CancellationToken cancellationToken) =>
        _lanes.RunAsync([.. run.Select(item => MessageId(item.Stream, item.Entry))], [.. run.Select(item => SubjectOf(item.Stream, item.Entry))],
            () => GuardAsync(() => ProcessRunAsync(run, cancellationToken), cancellationToken), cancellationToken);

    private async Task GuardAsync(Func<Task> process, CancellationToken cancellationToken)
    {
        try
        {
            await process();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // A message met an unavailable Redis or Postgres: it is still pending here; the loop reads it again.
            _loop?.ReportFailure();
            LogUnavailable(logger, Group, exception);
        }
    }

    /// <summary>
    /// Handles the run's messages in one transaction; what is not an event for this service is settled first, one by one.
    /// If the transaction fails (a duplicate, a failing handler, Postgres away), each message is handled again alone.
    /// </summary>
    private async Task ProcessRunAsync(IReadOnlyList<(string Stream, StreamEntry Entry)> run, CancellationToken cancellationToken)
    {
        var deliveries = new List<(string Stream, StreamEntry Entry, Delivery Delivery)>(run.Count);
        foreach (var (stream, entry) in run)
        {
            if (entry.Values.Length > 0 && StreamEntryCodec.TryDecode(entry.Values, out var envelope) && registry.TryGetSubscription(envelope.EventType, out var subscription))
            {
                deliveries.Add((stream, entry, new Delivery(subscription, envelope, entry.Id.ToString())));
            }
            else
            {
                await ProcessAsync(stream, entry, redelivered: false, cancellationToken);
            }
        }

        if (deliveries.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await inbox.HandleRunAsync([.. deliveries.Select(item => item.Delivery)], index =>
            {
                var (stream, entry, delivery) = deliveries[index];
                var activity = StartProcessActivity(stream, entry, delivery.Envelope);
                activity?.SetTag("messaging.batch.message_count", deliveries.Count);
                return activity;
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRunFailed(logger, deliveries.Count, Group, exception);
            if (exception is MessageFailedInRunException { InnerException: { } cause } failed
                && deliveries.FirstOrDefault(item => item.Delivery.Envelope.EventId == failed.EventId) is { Delivery: { } delivery })
            {
                await inbox.RecordFailureAsync(failed.EventId, $"{cause.GetType().Name}: {cause.Message}", cancellationToken);
                telemetry.Failures.Add(1, new KeyValuePair<string, object?>("messaging.event.type", delivery.Envelope.EventType));
            }

            foreach (var (stream, entry, _) in deliveries)
            {
                await ProcessAsync(stream, entry, redelivered: true, cancellationToken);
            }

            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds / deliveries.Count;
        foreach (var (_, _, delivery) in deliveries)
        {
            telemetry.ProcessDuration.Record(elapsed, new KeyValuePair<string, object?>("messaging.event.type", delivery.Envelope.EventType));
        }

        foreach (var stream in deliveries.Select(item => item.Stream).Distinct(StringComparer.Ordinal))
        {
            var acknowledged = deliveries.Where(item => item.Stream == stream).Select(item => item.Entry.Id).ToArray();
            await bus.GetDatabase().StreamAcknowledgeAsync(stream, Group, acknowledged);
            telemetry.Processed.Add(acknowledged.Length, new KeyValuePair<string, object?>("messaging.outcome", "handled"));
        }
    }

    private async Task ProcessAsync(string stream, StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        if (entry.Values.Length == 0)
        {
            // Trimmed away while pending: nothing left to handle.
            await AcknowledgeAsync(stream, entry, InboxOutcome.Ignored);
            return;
        }

        if (!StreamEntryCodec.TryDecode(entry.Values, out var envelope))
        {
            await deadLetters.AddAsync(stream, entry, 0, "The entry is not an event envelope.");
            await AcknowledgeAsync(stream, entry, InboxOutcome.DeadLettered);
            return;
        }

        if (!registry.TryGetSubscription(envelope.EventType, out var subscription))
        {
            await AcknowledgeAsync(stream, entry, InboxOutcome.Ignored);
            return;
        }

        using var activity = StartProcessActivity(stream, entry, envelope);
        var failed = redelivered ? await inbox.FailedAttemptsAsync(envelope.EventId, cancellationToken) : 0;
        while (failed < _options.MaxAttempts)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var outcome = await inbox.HandleAsync(subscription, envelope, entry.Id.ToString(), failed + 1, cancellationToken);
                telemetry.ProcessDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("messaging.event.type", envelope.EventType));
                activity?.SetTag("messaging.outcome", outcome.ToString());
                await AcknowledgeAsync(stream, entry, outcome);
                return;
            }
            catch (Exception thrown) when (!IsInfrastructureFailure(thrown, cancellationToken))
            {
                // A handler of runs names the message that failed; alone, that message is the cause's only one.
                var exception = thrown is MessageFailedInRunException { InnerException: { } cause } ? cause : thrown;
                var error = $"{exception.GetType().Name}: {exception.Message}";
                failed = exception is JsonException or MalformedMessageException
                    ? _options.MaxAttempts
                    : await inbox.RecordFailureAsync(envelope.EventId, error, cancellationToken);
                telemetry.Failures.Add(1, new KeyValuePair<string, object?>("messaging.event.type", envelope.EventType));
                LogHandlerFailed(logger, envelope.EventType, envelope.EventId, Group, failed, _options.MaxAttempts, exception);
                if (failed >= _options.MaxAttempts)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, error);
                    await deadLetters.AddAsync(stream, entry, failed, error);
                    await AcknowledgeAsync(stream, entry, InboxOutcome.DeadLettered);
                    LogDeadLettered(logger, envelope.EventType, envelope.EventId, Group);
                    return;
                }

                await Task.Delay(Backoff.For(failed, _options.RetryDelay, _options.MaxBackoff), cancellationToken);
            }
        }

        // Already failed its last attempt before a restart: finish the job it was on.
        await deadLetters.AddAsync(stream, entry, failed, "Gave up after the last attempt.");
        await AcknowledgeAsync(stream, entry, InboxOutcome.DeadLettered);
    }

    private Activity? StartProcessActivity(string stream, StreamEntry entry, EventEnvelope envelope)
    {
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        var activity = MessagingTelemetry.Source.StartActivity($"{envelope.EventType} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", stream);
        activity?.SetTag("messaging.consumer.group.name", Group);
        activity?.SetTag("messaging.message.id", envelope.EventId.ToString());
        activity?.SetTag("messaging.redis.entry_id", entry.Id.ToString());
        activity?.SetTag("messaging.message.conversation_id", envelope.CorrelationId.ToString());
        return activity;
    }

    private async Task AcknowledgeAsync(string stream, StreamEntry entry, InboxOutcome outcome)
    {
        await bus.GetDatabase().StreamAcknowledgeAsync(stream, Group, entry.Id);
        telemetry.Processed.Add(1, new KeyValuePair<string, object?>("messaging.outcome", outcome.ToString().ToLowerInvariant()));
    }

    /// <summary>Failures of the bus or the database, not of the handler: retried without counting an attempt.</summary>
    private static bool IsInfrastructureFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => cancellationToken.IsCancellationRequested,
        NpgsqlException { IsTransient: true } => true,
        RedisConnectionException or RedisTimeoutException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} could not read or handle its messages; retrying")]
    private static partial void LogUnavailable(ILogger logger, string group, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "A transaction of {Count} messages in {Group} failed; each is handled again alone")]
    private static partial void LogRunFailed(ILogger logger, int count, string group, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {EventType} {EventId} in {Group} failed, attempt {Attempt} of {MaxAttempts}")]
    private static partial void LogHandlerFailed(ILogger logger, string eventType, Guid eventId, string group, int attempt, int maxAttempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{EventType} {EventId} dead-lettered by {Group}")]
    private static partial void LogDeadLettered(ILogger logger, string eventType, Guid eventId, string group);
}
