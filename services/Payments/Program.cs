using Store.Messaging.Api;
using Store.Security;
using Store.Payments;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApiDocument();
app.MapMessagingApi().RequireAuthorization(StorePolicies.Admin);

await app.RunAsync();
