// Answers GET /api/v1/products/{id} with a fixed JSON body read at start (the catalog's answer for one product),
// so that the catalog is compared with Kestrel serving the same bytes and doing no work.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var body = await File.ReadAllBytesAsync(app.Configuration["Body"] ?? throw new InvalidOperationException("Set Body to the file to serve."));
app.MapGet("/api/v1/products/{id:guid}", (Guid id) => Results.Bytes(body, "application/json"));

await app.RunAsync();
