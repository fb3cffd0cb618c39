using System.Text.Json.Serialization;
using Confcom.Webhook.Mutation;

namespace Confcom.Webhook.Admission;

/// <summary>Source-generated JSON for what the webhook writes (NativeAOT- and trim-safe; requests are read with JsonDocument).</summary>
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(IReadOnlyList<JsonPatchOperation>))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
