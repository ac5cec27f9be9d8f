using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps a trace for everything that starts one, except a bare client call (a database query, a Redis command)
/// made outside any request or message: the polling of background workers would otherwise bury the traces people
/// look for under a new trace every second. Calls made inside a request or a handled message stay in its trace.
/// </summary>
internal sealed class BackgroundClientCallSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client
            ? new SamplingResult(SamplingDecision.Drop)
            : new SamplingResult(SamplingDecision.RecordAndSample);
}
