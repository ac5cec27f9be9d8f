namespace Store.Messaging.Consumers;

/// <summary>How a <see cref="ConsumerGroupLoop"/> reads, takes over and waits.</summary>
/// <param name="BatchSize">Most entries per read, per stream, and per page of entries taken over.</param>
/// <param name="BlockTimeout">How long a read waits for new entries.</param>
/// <param name="ClaimIdleAfter">An entry pending this long on any consumer is taken over: that consumer is presumed dead.</param>
/// <param name="FirstBackoff">The pause after the first failure in a row; it doubles after each further one.</param>
/// <param name="MaxBackoff">The longest pause.</param>
public sealed record ConsumerGroupLoopOptions(int BatchSize, TimeSpan BlockTimeout, TimeSpan ClaimIdleAfter, TimeSpan FirstBackoff, TimeSpan MaxBackoff);
