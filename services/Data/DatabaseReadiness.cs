namespace Store.Data;

/// <summary>
/// Completes once this process has migrated its database. Background workers that touch the schema await it, so the
/// order in which hosted services are registered does not matter.
/// </summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _migrated.Task.WaitAsync(cancellationToken);

    internal void Migrated() => _migrated.TrySetResult();

    internal void Failed(Exception exception) => _migrated.TrySetException(exception);
}
