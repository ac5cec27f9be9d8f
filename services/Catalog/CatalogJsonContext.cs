using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Store.Catalog.Categories;
using Store.Catalog.Products;
using Store.Catalog.Seeding;

namespace Store.Catalog;

/// <summary>Source-generated serializers: no reflection on the request path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(ProductInput))]
[JsonSerializable(typeof(StockAdjustment))]
[JsonSerializable(typeof(List<Category>))]
[JsonSerializable(typeof(ReseedResult))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
