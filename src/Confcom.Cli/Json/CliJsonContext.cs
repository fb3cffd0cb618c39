using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Confcom.Cli.Commands.Quoting;
using Confcom.Cli.Commands.KubeletStandin;
using Confcom.Cli.Commands.Sim;

namespace Confcom.Cli.Json;

/// <summary>
/// Every type a verb prints with <c>--json</c>, source-generated (no reflection, so the CLI trims and compiles
/// ahead of time). The style is <see cref="CliJson"/>'s; register a new output type here, never serialize elsewhere.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(QuoteSummary))]
[JsonSerializable(typeof(SimNodeIdentityOutput))]
[JsonSerializable(typeof(KubeletStandinReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
