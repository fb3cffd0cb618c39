using System.Text.Json;
using System.Text.Json.Nodes;
using Confcom.DevicePlugin.Platform;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>The <c>confcom node-info --json</c> document: stable snake_case names, sizes in bytes.</summary>
internal static class NodeReportJson
{
    public static string Render(SgxNodeReport report)
    {
        var c = report.Cpu;
        var document = new JsonObject
        {
            ["simulated"] = report.Simulated,
            ["enclaves_usable"] = report.EnclavesUsable,
            ["cpu"] = new JsonObject
            {
                ["sgx"] = c.Sgx,
                ["sgx1"] = c.Sgx1,
                ["sgx2"] = c.Sgx2,
                ["flc"] = c.FlexibleLaunchControl,
                ["max_basic_leaf"] = c.MaxBasicLeaf,
                ["max_enclave_size_log2_64bit"] = c.MaxEnclaveSizeLog2Mode64,
                ["max_enclave_size_log2_32bit"] = c.MaxEnclaveSizeLog2Not64,
            },
            ["epc"] = new JsonObject
            {
                ["total_bytes"] = report.Epc.TotalBytes,
                ["origin"] = report.Epc.Origin.ToString().ToLowerInvariant(),
                ["sections"] = new JsonArray([.. c.EpcSections.Select(s => (JsonNode)new JsonObject { ["base"] = s.BaseAddress, ["size_bytes"] = s.SizeBytes })]),
                ["numa"] = new JsonArray([.. report.NumaEpc.Select(n => (JsonNode)new JsonObject { ["node"] = n.Node, ["total_bytes"] = n.TotalBytes })]),
            },
            ["devices"] = new JsonArray([.. report.DeviceNodes.Nodes.Select(n => (JsonNode)new JsonObject
            {
                ["path"] = n.HostPath,
                ["state"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(n.State.ToString()),
                ["found"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(n.FoundKind.ToString()),
            })]),
            ["problems"] = new JsonArray([.. report.Problems.Select(p => (JsonNode)JsonValue.Create(p))]),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }
}
