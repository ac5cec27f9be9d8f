using Store.AppHost;
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
// On AWS the bus keeps a replica in a second zone: its streams are the only copy of events in flight.
var bus = builder.AddRedisServer("bus").PublishAsElastiCache(redis => redis.Replicas = 1);
var postgres = builder.AddPostgresServer("postgres");
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
    : gateway.AsDevelopmentIdentity(builder.AddParameter("identity-signing-key", new RsaSigningKeyDefault(), secret: true, persist: true));

// The simulated card processor: how slow it is and how often it declines an ordinary card.
var paymentLatency = builder.AddParameter("payment-latency", "00:00:00.020");
var paymentDeclineRate = builder.AddParameter("payment-decline-rate", "0");

// Two replicas keep the cache's cross-instance invalidation and the migration lock honest.
var catalog = builder.AddProject<Projects.Catalog>("catalog")
    .WithDeployedReplicas(2)
    .WithReference(catalogDb).WaitFor(catalogDb)
    .WithReference(cache).WaitFor(cache)
    .WithEventBus(bus)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health");

var ordering = builder.AddProject<Projects.Ordering>("ordering")
    .WithReference(orderingDb).WaitFor(orderingDb)
    .WithEventBus(bus)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health");

// Two replicas: when one dies mid-batch, the other takes over its unacknowledged messages.
builder.AddProject<Projects.Payments>("payments")
    .WithDeployedReplicas(2)
    .WithReference(paymentsDb).WaitFor(paymentsDb)
    .WithEventBus(bus)
    .WithEnvironment("Payments__Provider__Latency", paymentLatency)
    .WithEnvironment("Payments__Provider__DeclineRate", paymentDeclineRate)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health");

// Two replicas share the clickstream's consumer group: totals must come out the same as with one.
var analytics = builder.AddProject<Projects.Analytics>("analytics")
    .WithDeployedReplicas(2)
    .WithReference(analyticsDb).WaitFor(analyticsDb)
    .WithEventBus(bus)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health");

// The only endpoint reachable from outside: sign-in, the public API routes, and the web UI. It starts alongside the
// services it routes to: discovery hands it their addresses up front, and it needs none of them to start.
gateway
    .WithExternalHttpEndpoints()
    .WithReference(catalog)
    .WithReference(ordering)
    .WithReference(analytics)
    .WithReference(cache).WaitFor(cache)
    .WithTokenValidation(tokenIssuer)
    .WithHttpHealthCheck("/health");

await builder.Build().RunAsync();
