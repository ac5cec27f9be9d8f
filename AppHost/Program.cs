using Store.AppHost;
using Store.AppHost.Dashboard;
using Store.AppHost.Operations;
using Store.Hosting.Aws;
using Store.Hosting.Aws.Identity;
using Store.Hosting.Aws.Options;
using Store.Hosting.Infrastructure.Lifecycle;
using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Projects;
using Store.Hosting.Infrastructure.Redis;

var builder = DistributedApplication.CreateBuilder(args);

// `aspire publish` / `aspire deploy`: the same model as one CDK stack on ECS Fargate, RDS and ElastiCache.
builder.AddAwsCdkEnvironment("store");

// A local run behaves like the deployed system, and starts fast: each service starts from its build output, a
// resource is seen healthy within 100 ms of being ready, a process that dies is started again (as ECS replaces a
// task), and Ctrl+C stops every resource before what it depends on.
builder.RunProjectsFromBuildOutput();
builder.CheckHealthPromptly();
builder.RestartProcessesThatFail();
builder.StopInDependencyOrder();

// Containers where a container runtime answers, local server processes elsewhere (Infrastructure:Mode).
var cache = builder.AddRedisServer("cache");
// On AWS the bus keeps a replica in a second zone: its streams are the only copy of events in flight. (Publishing
// always sees the servers as containers; a local run may have made them processes.)
var bus = builder.AddRedisServer("bus").InContainer(redis => redis.PublishAsElastiCache(options => options.Replicas = 1));
// On AWS every service task may pool its share of the instance's connections: a db.t4g.micro (~84) cannot give the 28
// tasks auto scaling may run the five a service needs, a db.t4g.small (~168) can (docs/aws.md, connection budget).
var postgres = builder.AddPostgresServer("postgres").InContainer(server => server.PublishAsRdsInstance(rds => rds.InstanceClass = "t4g.small"));
var catalogDb = postgres.AddPostgresDatabase("catalogdb");
var orderingDb = postgres.AddPostgresDatabase("orderingdb");
var paymentsDb = postgres.AddPostgresDatabase("paymentsdb");
var analyticsDb = postgres.AddPostgresDatabase("analyticsdb");

// Who signs users in and signs their tokens. A local run: the gateway's development identity, with the seeded users
// of appsettings.json and an RSA private key only the gateway receives (generated once, kept in user secrets). The
// published stack: an Amazon Cognito user pool with a group per role and no users until an operator creates them.
// Every service validates the issuer's tokens with its public keys (JWKS), so none of them can make one.
var gateway = builder.AddProject<Projects.Gateway>("gateway");
var tokenIssuer = builder.ExecutionContext.IsPublishMode
    ? builder.AddCognitoUserPool("users").WithUserGroups("customer", "admin").AsTokenIssuer()
    : gateway.AsDevelopmentIdentity(builder.AddParameter("identity-signing-key", new RsaSigningKeyDefault(), secret: true, persist: true)
        .WithDescription("The RSA private key (PEM) the gateway's development identity signs tokens with. Generated once per machine and kept in the AppHost's user secrets; only the gateway receives it, services check tokens with its public half (JWKS). Changing it signs everyone out."));

// The dashboard's commands (redrive, replay, rebuild, reseed) call the services' admin APIs with a short-lived admin
// token the AppHost signs itself with the issuer's key: nobody copies a token around.
var operatorToken = new OperatorToken(tokenIssuer);

// The simulated card processor: how slow it is and how often it declines an ordinary card.
var paymentLatency = builder.AddParameter("payment-latency", "00:00:00.020")
    .WithDescription("How long the simulated card provider takes to answer each authorization, as a time span (`00:00:00.020` is 20 ms).", enableMarkdown: true);
var paymentDeclineRate = builder.AddParameter("payment-decline-rate", "0")
    .WithDescription("The share of ordinary cards the simulated provider declines, from `0` (none) to `1` (all). Test tokens such as `tok_decline` decide for themselves.", enableMarkdown: true);

// Two replicas keep the cache's cross-instance invalidation and the migration lock honest.
var catalog = builder.AddProject<Projects.Catalog>("catalog")
    .WithDeployedReplicas(2)
    .WithReference(catalogDb).WaitFor(catalogDb)
    .WithReference(cache).WaitFor(cache)
    .WithEventBus(bus)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health")
    .WithApiReferenceLink()
    .WithMessagingCommands(operatorToken)
    .WithReseedCommand(operatorToken);

var ordering = builder.AddProject<Projects.Ordering>("ordering")
    .WithReference(orderingDb).WaitFor(orderingDb)
    .WithEventBus(bus)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health")
    .WithApiReferenceLink()
    .WithMessagingCommands(operatorToken);

// Two replicas: when one dies mid-batch, the other takes over its unacknowledged messages.
builder.AddProject<Projects.Payments>("payments")
    .WithDeployedReplicas(2)
    .WithReference(paymentsDb).WaitFor(paymentsDb)
    .WithEventBus(bus)
    .WithEnvironment("Payments__Provider__Latency", paymentLatency)
    .WithEnvironment("Payments__Provider__DeclineRate", paymentDeclineRate)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health")
    .WithApiReferenceLink()
    .WithMessagingCommands(operatorToken);

// Two replicas share the clickstream's consumer group: totals must come out the same as with one.
var analytics = builder.AddProject<Projects.Analytics>("analytics")
    .WithDeployedReplicas(2)
    .WithReference(analyticsDb).WaitFor(analyticsDb)
    .WithEventBus(bus)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health")
    .WithApiReferenceLink()
    .WithMessagingCommands(operatorToken)
    .WithRebuildAggregatesCommand(operatorToken);

// The only endpoint reachable from outside: sign-in, the public API routes, and the web UI. It starts alongside the
// services it routes to: discovery hands it their addresses up front, and it needs none of them to start.
gateway
    .WithExternalHttpEndpoints()
    .WithReference(catalog)
    .WithReference(ordering)
    .WithReference(analytics)
    .WithReference(cache).WaitFor(cache)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health")
    .WithStoreLinks()
    .WithApiReferenceLink();

await builder.Build().RunAsync();
