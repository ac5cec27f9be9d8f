using Store.Catalog;
using Store.Catalog.Categories;
using Store.Catalog.Products;
using Store.Catalog.Seeding;
using Store.Messaging.Api;
using Store.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapApiDocument();
app.MapProductsApi();
app.MapCategoriesApi();
app.MapReseedApi();
app.MapMessagingApi().RequireAuthorization(StorePolicies.Admin);

await app.RunAsync();
