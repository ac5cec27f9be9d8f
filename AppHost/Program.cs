using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Redis;

var builder = DistributedApplication.CreateBuilder(args);

// Containers where a container runtime answers, local server processes elsewhere (Infrastructure:Mode).
var cache = builder.AddRedisServer("cache");
var postgres = builder.AddPostgresServer("postgres");
var catalogDb = postgres.AddPostgresDatabase("catalogdb");

// Two replicas keep the cache's cross-instance invalidation and the migration lock honest.
builder.AddProject<Projects.Catalog>("catalog")
    .WithReplicas(2)
    .WithReference(catalogDb).WaitFor(catalogDb)
    .WithReference(cache).WaitFor(cache)
    .WithHttpHealthCheck("/health");

await builder.Build().RunAsync();
