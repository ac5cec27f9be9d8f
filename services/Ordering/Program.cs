using Store.Messaging.Api;
using Store.Security;
using Store.Ordering;
using Store.Ordering.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrderingServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApiDocument();
app.MapOrdersApi();
app.MapMessagingApi().RequireAuthorization(StorePolicies.Admin);

await app.RunAsync();
