using System.Globalization;

namespace Microsoft.Extensions.Hosting;

/// <summary>503 answers tell the client when to send the same request again.</summary>
public static class RetryLaterResults
{
    /// <summary>The <c>Retry-After</c> header's value: whole seconds, rounded up, so that a client never comes back early.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
