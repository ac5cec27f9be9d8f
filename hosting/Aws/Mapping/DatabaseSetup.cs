using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// Creates every service's role and databases with the master credentials, which only this one-off task holds: a
/// Fargate task definition of its own, run through ECS RunTask by a custom resource once the instance exists and before
/// any service is created, and again whenever its task definition changes (a role added, the instance replaced), since
/// the custom resource's id is the task definition's ARN. RunTask returns once the task is placed, not when it ends:
/// each service's tasks wait for their own login (<see cref="DatabaseReadiness"/>).
/// </summary>
internal sealed class DatabaseSetup : Construct
{
    /// <summary>
    /// Idempotent: a rerun changes nothing but passwords that drifted from their secrets and owners that drifted.
    /// <c>ROLES</c> is <c>role:database,database role:…</c>; each role's password is in <c>PASSWORD_&lt;role&gt;</c>.
    /// </summary>
    public const string Script = """
        set -eu
        sql() { psql -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
        exists() { [ "$(sql -tAc "$1")" = 1 ]; }
        for entry in $ROLES; do
          role=${entry%%:*}
          exists "SELECT 1 FROM pg_roles WHERE rolname = '$role'" || sql -c "CREATE ROLE \"$role\" LOGIN"
          # psql reads the password from the environment and quotes it itself.
          sql <<SQL
        \getenv password PASSWORD_$role
        ALTER ROLE "$role" WITH LOGIN PASSWORD :'password';
        SQL
          # To make a role a database's owner, the master must be able to act as it (PostgreSQL 16+); it made the role, so it may.
          sql -c "GRANT \"$role\" TO CURRENT_USER"
          for db in $(echo "${entry#*:}" | tr , ' '); do
            exists "SELECT 1 FROM pg_database WHERE datname = '$db'" || sql -c "CREATE DATABASE \"$db\" OWNER \"$role\""
            sql -c "ALTER DATABASE \"$db\" OWNER TO \"$role\"" -c "REVOKE ALL ON DATABASE \"$db\" FROM PUBLIC"
          done
        done
        """;

    public DatabaseSetup(PostgresOnRds server, IReadOnlyList<DatabaseRole> roles, Network network, RetentionDays logRetention)
        : base(server, "Setup")
    {
        var logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = logRetention, RemovalPolicy = RemovalPolicy.DESTROY });
        var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = 256,
            MemoryLimitMiB = 512,
            RuntimePlatform = new RuntimePlatform { OperatingSystemFamily = OperatingSystemFamily.LINUX, CpuArchitecture = CpuArchitecture.X86_64 },
        });

        var secrets = roles.ToDictionary(role => $"PASSWORD_{role.Name}", role => Secret.FromSecretsManager(role.Secret, "password"));
        secrets["PGPASSWORD"] = Secret.FromSecretsManager(server.Instance.Secret!, "password");
        task.AddContainer($"set-up-{server.Server.Name}", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(PostgresOnRds.ClientImage),
            Essential = true,
            EntryPoint = ["/bin/sh", "-c"],
            Command = [Script],
            Environment = new Dictionary<string, string>(server.ClientEnvironment(server.UserName))
            {
                ["ROLES"] = string.Join(' ', roles.Select(role => $"{role.Name}:{string.Join(',', role.Databases.Select(database => database.DatabaseName))}")),
            },
            Secrets = secrets,
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "setup" }),
        });

        var securityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            // It pulls its image and reads its secrets through the NAT.
            AllowAllOutbound = true,
            Description = $"{server.Server.Name}: the database setup task",
        });
        server.SecurityGroup.Connections.AllowFrom(securityGroup, Port.Tcp(PostgresOnRds.Port), "From the database setup task");

        var clusterArn = network.Cluster.ClusterArn;
        var runTask = new AwsSdkCall
        {
            Service = "ECS",
            Action = "runTask",
            Parameters = new Dictionary<string, object>
            {
                ["cluster"] = clusterArn,
                ["taskDefinition"] = task.TaskDefinitionArn,
                ["launchType"] = "FARGATE",
                ["networkConfiguration"] = new Dictionary<string, object>
                {
                    ["awsvpcConfiguration"] = new Dictionary<string, object>
                    {
                        ["subnets"] = network.Vpc.SelectSubnets(Network.TaskSubnets).SubnetIds,
                        ["securityGroups"] = new[] { securityGroup.SecurityGroupId },
                        ["assignPublicIp"] = "DISABLED",
                    },
                },
            },
            PhysicalResourceId = PhysicalResourceId.Of(task.TaskDefinitionArn),
            // A custom resource answers in at most 4 KB; the whole task description would not fit.
            OutputPaths = ["tasks.0.taskArn"],
        };

        Run = new AwsCustomResource(this, "Run", new AwsCustomResourceProps
        {
            OnCreate = runTask,
            OnUpdate = runTask,
            Policy = AwsCustomResourcePolicy.FromStatements([
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["ecs:RunTask"],
                    Resources = [task.TaskDefinitionArn],
                    Conditions = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["ecs:cluster"] = clusterArn } },
                }),
                new PolicyStatement(new PolicyStatementProps { Actions = ["iam:PassRole"], Resources = [task.TaskRole.RoleArn, task.ObtainExecutionRole().RoleArn] }),
            ]),
            // The SDK the Lambda runtime ships: no npm install at deploy.
            InstallLatestAwsSdk = false,
            LogGroup = new LogGroup(this, "RunLogs", new LogGroupProps { Retention = logRetention, RemovalPolicy = RemovalPolicy.DESTROY }),
        });
        // The instance must accept connections from the task (its security group's rules), and the task subnets must
        // route to the NAT to pull the image and read the secrets.
        Run.Node.AddDependency(server.Instance);
        Run.Node.AddDependency(server.SecurityGroup);
        Run.Node.AddDependency(network.Vpc);

        // The Lambda behind every AwsCustomResource of the stack, one per stack, named after CDK's fixed id.
        var function = Stack.Of(this).Node.FindChild("AWS679f53fac002430cb0da5b7982bd2287");
        NagAcknowledgement.Acknowledge(function,
            ("L1", "CDK's AwsCustomResource picks the latest Node.js runtime of the region at deploy (a mapping cdk-nag cannot read)."));
        NagAcknowledgement.Acknowledge(function.Node.FindChild("ServiceRole"),
            ("IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
             "CDK's AwsCustomResource Lambda writes its own logs with the basic execution policy; what it may do is its own policy: run the setup task and pass its roles."));
        NagAcknowledgement.Acknowledge(task,
            ("ECS2", "Only the host, port, user and role names are plain environment variables; every password is an ECS secret from Secrets Manager."));
    }

    /// <summary>The custom resource that runs the task: what every service using the server is created after.</summary>
    public AwsCustomResource Run { get; }
}
