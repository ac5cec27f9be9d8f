using System.Text.Json;
using System.Text.Json.Serialization;
using Store.Messaging.DeadLetters;
using Store.Messaging.Outbox;

namespace Store.Messaging.Api;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeadLetter[]))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetter>))]
[JsonSerializable(typeof(OutboxReplayRequest))]
[JsonSerializable(typeof(OutboxReplayResult))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
