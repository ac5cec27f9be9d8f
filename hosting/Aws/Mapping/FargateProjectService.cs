using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Ecr.Assets;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Aspire.Hosting.ApplicationModel;
using IResource = Aspire.Hosting.ApplicationModel.IResource;
using Constructs;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Images;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using ManagedSecret = Amazon.CDK.AWS.SecretsManager.Secret;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// One project as a Fargate service: its own task definition, task role, security group and log group; the
/// image built from the project; every app-model variable (secret ones through Secrets Manager); Service Connect
/// under the resource's name; replicas as the desired count and auto scaling's floor.
/// </summary>
internal sealed class FargateProjectService : Construct
{
    public FargateProjectService(Construct scope, ComputeService service, ServiceContext context)
        : base(scope, StackNames.Pascal(service.Name))
    {
        Service = service;
        Logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = context.LogRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = context.Network.Vpc,
            // Tasks reach ECR, Secrets Manager, X-Ray and CloudWatch through the NAT: egress stays open.
            AllowAllOutbound = true,
            Description = $"{service.Name}: reachable only from what references it",
        });

        var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = service.Options.Cpu,
            MemoryLimitMiB = service.Options.MemoryMiB,
            RuntimePlatform = new RuntimePlatform { OperatingSystemFamily = OperatingSystemFamily.LINUX, CpuArchitecture = CpuArchitecture.X86_64 },
        });

        var roles = context.Postgres.SelectMany(server => server.Roles).Where(role => role.Service == service).ToList();
        var logins = new DatabaseLogins(context.Targets, roles);
        var environment = RenderEnvironment(new ValueRenderer(logins), logins.Rewrite(service.Environment));
        var app = task.AddContainer(service.Name, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromAsset(context.ImageSource, new AssetImageProps
            {
                File = ImageSource.DockerfileName,
                BuildArgs = ImageSource.BuildArguments(service, context.SourceRoot),
                Platform = Platform_.LINUX_AMD64,
            }),
            Essential = true,
            PortMappings = [new PortMapping { Name = ServiceConnect.PortName, ContainerPort = ComputeService.ContainerPort, AppProtocol = AppProtocol.Http }],
            Environment = environment.Plain,
            Secrets = environment.Secret,
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = Logs, StreamPrefix = "app" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "healthcheck", service.LivenessPath],
                Interval = Duration.Seconds(15),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(60),
            },
        });

        foreach (var role in roles)
        {
            var readiness = DatabaseReadiness.AddTo(task, role, Logs);
            app.AddContainerDependencies(new ContainerDependency { Container = readiness, Condition = ContainerDependencyCondition.SUCCESS });
        }

        if (service.Resource.HasAnnotationOfType<OtlpExporterAnnotation>())
        {
            TelemetryCollector.AddTo(task, service.Name, context.MetricsNamespace, Logs, context.MetricsLogs);
        }

        References = environment.References;
        Fargate = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = context.Network.Cluster,
            TaskDefinition = task,
            DesiredCount = service.Replicas,
            SecurityGroups = [SecurityGroup],
            VpcSubnets = Network.TaskSubnets,
            AssignPublicIp = false,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            PropagateTags = PropagatedTagSource.SERVICE,
            ServiceConnectConfiguration = new ServiceConnectProps
            {
                Services = [ServiceConnect.Service(service)],
                LogDriver = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = Logs, StreamPrefix = "service-connect" }),
            },
        });

        foreach (var role in roles)
        {
            Fargate.Node.AddDependency(role.Server.Setup!.Run);
        }

        Fargate.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = service.Replicas, MaxCapacity = service.MaxReplicas })
            .ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = service.Options.TargetCpuUtilizationPercent });

        NagAcknowledgement.Acknowledge(task,
            ("ECS2", "Only non-secret settings are plain environment variables; every value with a secret in it is an ECS secret from Secrets Manager."));
        NagAcknowledgement.Acknowledge(task.ObtainExecutionRole().Node.FindChild("DefaultPolicy"),
            ("IAM5[Resource::*]", "ecr:GetAuthorizationToken has no resource-level permissions; image pulls and secret reads are granted on their own ARNs."));
        if (task.TaskRole.Node.TryFindChild("DefaultPolicy") is { } taskPolicy)
        {
            NagAcknowledgement.Acknowledge(taskPolicy,
                ("IAM5[Resource::*]", "X-Ray's trace and sampling actions have no resource-level permissions; the log actions are limited to this service's log groups."));
        }
    }

    public ComputeService Service { get; }

    public FargateService Fargate { get; }

    public SecurityGroup SecurityGroup { get; }

    public LogGroup Logs { get; }

    /// <summary>Resources this service's configuration points at (other services, stores), itself excluded.</summary>
    public IReadOnlySet<IResource> References { get; }

    private RenderedEnvironment RenderEnvironment(ValueRenderer renderer, IReadOnlyDictionary<string, object> variables)
    {
        var plain = new Dictionary<string, string>();
        var secret = new Dictionary<string, string>();
        var references = new HashSet<IResource>();

        foreach (var (name, value) in variables)
        {
            var rendered = renderer.Render(value);
            (rendered.IsSecret ? secret : plain)[name] = rendered.Text;
            references.UnionWith(rendered.References);
        }

        if (Service.Resource.HasAnnotationOfType<OtlpExporterAnnotation>())
        {
            foreach (var (name, value) in TelemetryCollector.ServiceEnvironment(Service.Name))
            {
                plain[name] = value;
            }
        }

        references.Remove(Service.Resource);
        var secrets = new Dictionary<string, EcsSecret>();
        if (secret.Count > 0)
        {
            // One secret per service holding every secret variable as a JSON field: one secret to pay for and to
            // grant, and its values are dynamic references, so no secret appears in the template.
            var store = new ManagedSecret(this, "Environment", new Amazon.CDK.AWS.SecretsManager.SecretProps
            {
                Description = $"Secret environment of {Service.Name}, built at deploy from the secrets it references",
                SecretStringValue = SecretValue.UnsafePlainText(Json(secret)),
            });
            NagAcknowledgement.Acknowledge(store, ("SMG4", "Derived from other secrets at deploy; it changes when they do, with the next deployment."));
            foreach (var name in secret.Keys)
            {
                secrets[name] = EcsSecret.FromSecretsManager(store, name);
            }
        }

        return new(plain, secrets, references);
    }

    private static string Json(Dictionary<string, string> fields)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in fields)
        {
            json.Append(json.Length > 1 ? "," : "").Append('"').Append(Escape(name)).Append("\":\"").Append(Escape(value)).Append('"');
        }

        return json.Append('}').ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed record RenderedEnvironment(Dictionary<string, string> Plain, Dictionary<string, EcsSecret> Secret, IReadOnlySet<IResource> References);
}
