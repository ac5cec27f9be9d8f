using Store.Catalog;
using Store.Catalog.Categories;
using Store.Catalog.Data;
using Store.Catalog.Products;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductsApi();
app.MapCategoriesApi();

await app.Services.MigrateCatalogAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();
