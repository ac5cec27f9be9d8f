using Store.Analytics;
using Store.Analytics.Audit;
using Store.Analytics.Ingest;
using Store.Analytics.Queries;
using Store.Messaging.Api;
using Store.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAnalyticsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApiDocument();
app.MapIngestApi();
app.MapAnalyticsApi();
app.MapAuditApi();
app.MapMessagingApi().RequireAuthorization(StorePolicies.Admin);

await app.RunAsync();
