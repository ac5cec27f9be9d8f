using Store.Catalog;
using Store.Catalog.Categories;
using Store.Catalog.Products;
using Store.Messaging.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCatalogApiDocument();
app.MapProductsApi();
app.MapCategoriesApi();
app.MapMessagingApi();

await app.RunAsync();
