using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Store.Gateway.Identity;

namespace Store.Gateway;

/// <summary>Source-generated serializers for the gateway's own endpoints; proxied bodies pass through untouched.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(SignInConfiguration))]
[JsonSerializable(typeof(OpenIdConfiguration))]
[JsonSerializable(typeof(SigningKeySet))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
