using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Identity;
using Store.Hosting.Aws.Options;

namespace Store.Hosting.Aws.AppModel;

/// <summary>Walks the app model: projects become services, Postgres and Redis servers become managed stores.</summary>
internal static class AppModelReader
{
    public static async Task<PublishedApp> ReadAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, string appHostDirectory, CancellationToken cancellationToken)
    {
        var postgres = model.Resources.OfType<PostgresServerResource>().ToList();
        var redis = model.Resources.OfType<RedisResource>().ToList();
        var services = new List<ComputeService>();

        foreach (var resource in model.GetComputeResources())
        {
            switch (resource)
            {
                case ProjectResource project:
                    services.Add(await ReadServiceAsync(project, executionContext, cancellationToken).ConfigureAwait(false));
                    break;
                case PostgresServerResource or RedisResource:
                    break;
                default:
                    throw new NotSupportedException(
                        $"'{resource.Name}' ({resource.GetType().Name}) has no AWS mapping: projects become Fargate services, " +
                        "Postgres becomes RDS and Redis becomes ElastiCache. Exclude it from publishing or map it.");
            }
        }

        var parameterValues = new Dictionary<ParameterResource, string>();
        foreach (var parameter in model.Resources.OfType<ParameterResource>().Where(parameter => !parameter.Secret))
        {
            if (await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false) is { } value)
            {
                parameterValues[parameter] = value;
            }
        }

        return new(services, postgres, redis, [.. model.Resources.OfType<CognitoUserPoolResource>()], parameterValues, SourceRootFinder.Find(appHostDirectory, services.Select(s => s.ProjectPath)));
    }

    private static async Task<ComputeService> ReadServiceAsync(ProjectResource project, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, object>();
        if (project.TryGetAnnotationsOfType<EnvironmentCallbackAnnotation>(out var callbacks))
        {
            var context = new EnvironmentCallbackContext(executionContext, project, environment, cancellationToken);
            foreach (var callback in callbacks)
            {
                await callback.Callback(context).ConfigureAwait(false);
            }
        }

        var dropped = environment.Where(variable => PointsAtHttps(variable.Value)).Select(variable => variable.Key).ToList();
        foreach (var name in dropped)
        {
            environment.Remove(name);
        }

        var options = project.OptionsOf<FargateServiceOptions>();
        var probes = project.Annotations.OfType<EndpointProbeAnnotation>().ToList();
        var endpoints = project.Annotations.OfType<EndpointAnnotation>().ToList();
        var isExternal = endpoints.Any(endpoint => endpoint.IsExternal && endpoint.UriScheme == "http");

        return new(
            project,
            project.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1,
            options,
            environment,
            isExternal,
            probes.FirstOrDefault(probe => probe.Type == ProbeType.Liveness)?.Path ?? options.LivenessPath,
            probes.FirstOrDefault(probe => probe.Type == ProbeType.Readiness)?.Path ?? options.HealthCheckPath,
            dropped);
    }

    private static bool PointsAtHttps(object value) => value switch
    {
        EndpointReference endpoint => endpoint.Scheme == "https",
        EndpointReferenceExpression expression => expression.Endpoint.Scheme == "https",
        _ => false,
    };
}
