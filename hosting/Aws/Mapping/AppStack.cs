using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Aspire.Hosting.ApplicationModel;
using IResource = Aspire.Hosting.ApplicationModel.IResource;
using Constructs;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Identity;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// The whole app model as one CloudFormation stack. Environment-agnostic (no account or region), so synthesis
/// needs neither credentials nor network; the deploying account and region come from the CLI at deploy.
/// </summary>
internal sealed class AppStack : Stack, ICloudTargets
{
    private readonly Dictionary<IResource, PostgresOnRds> _postgres;
    private readonly Dictionary<IResource, RedisOnElastiCache> _redis;
    private readonly Dictionary<IResource, FargateProjectService> _services = [];
    private readonly Dictionary<IResource, CognitoUserPool> _userPools;
    private readonly ParameterValues _parameters;

    public AppStack(Construct scope, string id, PublishedApp app, AwsCdkEnvironmentResource environment, string imageSource)
        : base(scope, id, new StackProps { Description = $"{id}: the Aspire app model on ECS Fargate, RDS and ElastiCache (aspire publish)" })
    {
        var logRetention = LogRetention.Of(environment.LogRetentionDays);
        var network = new Network(this, "Network", environment.NatGateways, logRetention);
        _parameters = new ParameterValues(this, app.ParameterValues);
        _postgres = app.PostgresServers.ToDictionary(IResource (server) => server, server => new PostgresOnRds(this, server, app.UserNameOf(server), app.Services, network, logRetention));
        _redis = app.RedisServers.ToDictionary(IResource (server) => server, server => new RedisOnElastiCache(this, server, network));
        _userPools = app.UserPools.ToDictionary(IResource (pool) => pool, pool => new CognitoUserPool(this, pool));

        var metricsLogs = new LogGroup(this, "MetricsLogs", new LogGroupProps { Retention = logRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        var context = new ServiceContext(network, this, imageSource, app.SourceRoot, [.. _postgres.Values], logRetention, id, metricsLogs);
        foreach (var service in app.Services)
        {
            _services[service.Resource] = new FargateProjectService(this, service, context);
        }

        AllowReferencedConnections();

        var certificateArn = new CfnParameter(this, "CertificateArn", new CfnParameterProps
        {
            Type = "String",
            Default = environment.CertificateArn is { } configured ? app.ParameterValues.GetValueOrDefault(configured, "") : "",
            Description = "ACM certificate for the public load balancers; empty serves plain HTTP",
        });
        var hasCertificate = new CfnCondition(this, "HasCertificate", new CfnConditionProps
        {
            Expression = Fn.ConditionNot(Fn.ConditionEquals(certificateArn.ValueAsString, "")),
        });
        foreach (var service in _services.Values.Where(service => service.Service.IsExternal))
        {
            _ = new PublicEntryPoint(this, service, network, certificateArn, hasCertificate);
        }
    }

    public CloudValue Endpoint(EndpointReference endpoint, EndpointProperty property)
    {
        if (_postgres.TryGetValue(endpoint.Resource, out var postgres))
        {
            return postgres.Endpoint(property);
        }

        if (_redis.TryGetValue(endpoint.Resource, out var redis))
        {
            return redis.Endpoint(property);
        }

        if (endpoint.Resource is ProjectResource project)
        {
            return ServiceConnect.Endpoint(project, endpoint, property);
        }

        throw new NotSupportedException($"An endpoint of '{endpoint.Resource.Name}' has no AWS mapping.");
    }

    public CloudValue Parameter(ParameterResource parameter)
    {
        // Services log in to Postgres as their own roles (DatabaseLogins): the master password reaches none of them.
        if (_postgres.Values.FirstOrDefault(server => server.Server.PasswordParameter == parameter) is { } postgres)
        {
            throw new NotSupportedException(
                $"The password of {postgres.Server.Name} is its RDS master password, which no service is given: reference its databases instead.");
        }

        // A Redis server's password is the one its managed service generated.
        var redis = _redis.Values.FirstOrDefault(server => server.Server.PasswordParameter == parameter);
        return redis is not null ? redis.Password : _parameters.For(parameter);
    }

    public CloudValue UserPool(CognitoUserPoolOutput output) => _userPools[output.Resource].Value(output);

    public CloudValue? ConnectionString(IResourceWithConnectionString resource, Func<ReferenceExpression, CloudValue> render) =>
        _redis.TryGetValue(resource, out var redis) ? redis.ConnectionString(render) : null;

    /// <summary>Security groups open exactly where a service's configuration points: service to service, service to store.</summary>
    private void AllowReferencedConnections()
    {
        foreach (var client in _services.Values)
        {
            foreach (var reference in client.References)
            {
                var target = reference is PostgresDatabaseResource database ? database.Parent : reference;
                var description = $"From {client.Service.Name}";
                if (_services.TryGetValue(target, out var service))
                {
                    service.SecurityGroup.Connections.AllowFrom(client.SecurityGroup, Port.Tcp(ComputeService.ContainerPort), description);
                    // Like WaitFor locally: a service starts after what it calls, so Service Connect names resolve.
                    client.Fargate.Node.AddDependency(service.Fargate);
                }
                else if (_postgres.TryGetValue(target, out var postgres))
                {
                    postgres.SecurityGroup.Connections.AllowFrom(client.SecurityGroup, Port.Tcp(PostgresOnRds.Port), description);
                }
                else if (_redis.TryGetValue(target, out var redis))
                {
                    redis.SecurityGroup.AddIngressRule(client.SecurityGroup, Port.Tcp(RedisOnElastiCache.Port), description);
                }
            }
        }
    }
}
