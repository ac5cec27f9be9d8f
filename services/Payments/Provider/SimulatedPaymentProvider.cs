using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Store.Payments.Provider;

/// <summary>
/// Stands in for a card processor. Tokens decide the outcome so tests and demos are deterministic:
/// <list type="bullet">
/// <item><c>tok_approve…</c> is always authorized; <c>tok_decline…</c> always declined.</item>
/// <item><c>tok_fail_N…</c> is unavailable for its first N calls, then authorized: a transient outage.</item>
/// <item><c>tok_slow_N…</c> takes N more milliseconds (at most 30 s), then is authorized: a provider under strain.</item>
/// <item>Any other token is declined with probability <see cref="ProviderOptions.DeclineRate"/>.</item>
/// </list>
/// </summary>
internal sealed class SimulatedPaymentProvider(NpgsqlDataSource dataSource, IOptions<ProviderOptions> options, TimeProvider clock)
{
    public const string ApprovePrefix = "tok_approve";
    public const string DeclinePrefix = "tok_decline";
    public const string FailPrefix = "tok_fail_";
    public const string SlowPrefix = "tok_slow_";
    private const int MaxSlowMilliseconds = 30_000;

    public async Task<ProviderDecision> AuthorizeAsync(string token, CancellationToken cancellationToken)
    {
        var slowdown = TryReadNumber(token, SlowPrefix, out var milliseconds) ? TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxSlowMilliseconds)) : TimeSpan.Zero;
        await Task.Delay(options.Value.Latency + slowdown, clock, cancellationToken);

        if (token.StartsWith(DeclinePrefix, StringComparison.Ordinal))
        {
            return ProviderDecision.Decline("card-declined");
        }

        if (TryReadNumber(token, FailPrefix, out var failures) && await CountCallAsync(token, cancellationToken) <= failures)
        {
            throw new ProviderUnavailableException("The payment provider did not answer.");
        }

        if (token.StartsWith(ApprovePrefix, StringComparison.Ordinal) || failures > 0 || slowdown > TimeSpan.Zero)
        {
            return ProviderDecision.Authorize();
        }

        return Random.Shared.NextDouble() < options.Value.DeclineRate
            ? ProviderDecision.Decline("insufficient-funds")
            : ProviderDecision.Authorize();
    }

    /// <summary>Reads the N of <c>prefixN…</c>.</summary>
    internal static bool TryReadNumber(string token, string prefix, out int number)
    {
        number = 0;
        if (!token.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = token.AsSpan(prefix.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Counts this call in its own transaction: the handler's rolls back when the call fails.</summary>
    private async Task<int> CountCallAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO simulated_provider_calls (token, calls) VALUES ($1, 1)
            ON CONFLICT (token) DO UPDATE SET calls = simulated_provider_calls.calls + 1
            RETURNING calls
            """);
        command.Parameters.Add(new() { Value = token });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
