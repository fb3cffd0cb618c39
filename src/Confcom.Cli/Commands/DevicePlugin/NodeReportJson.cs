using System.Text.Json.Nodes;
using Confcom.DevicePlugin.Platform;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>The <c>confcom node-info --json</c> document, in the CLI's JSON style (camelCase keys); sizes in bytes.</summary>
internal static class NodeReportJson
{
    public static JsonObject Create(SgxNodeReport report, QuotingAssessment quoting)
    {
        var c = report.Cpu;
        return new JsonObject
        {
            ["simulated"] = report.Simulated,
            ["enclavesUsable"] = report.EnclavesUsable,
            ["quotingUsable"] = quoting.Usable,
            ["quoting"] = new JsonObject
            {
                ["route"] = quoting.OutOfProcess ? "outOfProcess" : "inProcess",
                ["detail"] = quoting.Detail,
            },
            ["cpu"] = new JsonObject
            {
                ["sgx"] = c.Sgx,
                ["sgx1"] = c.Sgx1,
                ["sgx2"] = c.Sgx2,
                ["flc"] = c.FlexibleLaunchControl,
                ["maxBasicLeaf"] = c.MaxBasicLeaf,
                ["maxEnclaveSizeLog2Bit64"] = c.MaxEnclaveSizeLog2Mode64,
                ["maxEnclaveSizeLog2Bit32"] = c.MaxEnclaveSizeLog2Not64,
            },
            ["epc"] = new JsonObject
            {
                ["totalBytes"] = report.Epc.TotalBytes,
                ["origin"] = report.Epc.Origin.ToString(),
                ["sections"] = new JsonArray([.. c.EpcSections.Select(s => (JsonNode)new JsonObject { ["base"] = s.BaseAddress, ["sizeBytes"] = s.SizeBytes })]),
                ["numa"] = new JsonArray([.. report.NumaEpc.Select(n => (JsonNode)new JsonObject { ["node"] = n.Node, ["totalBytes"] = n.TotalBytes })]),
            },
            ["devices"] = new JsonArray([.. report.DeviceNodes.Nodes.Select(n => (JsonNode)new JsonObject
            {
                ["path"] = n.HostPath,
                ["state"] = n.State.ToString(),
                ["found"] = n.FoundKind.ToString(),
            })]),
            ["problems"] = new JsonArray([.. report.Problems.Select(p => (JsonNode)JsonValue.Create(p))]),
        };
    }
}
