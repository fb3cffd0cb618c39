using System.Globalization;
using System.Text;
using Confcom.DevicePlugin.Platform;

namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>The human-readable <c>confcom node-info</c> report.</summary>
internal static class NodeReportText
{
    public static string Render(SgxNodeReport report, QuotingAssessment quoting, string hostRoot)
    {
        var c = report.Cpu;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"SGX node report (host root {hostRoot})");
        var maxEnclave = c.MaxEnclaveSizeLog2Mode64 > 0
            ? string.Create(CultureInfo.InvariantCulture, $", max enclave 2^{c.MaxEnclaveSizeLog2Mode64} bytes (64-bit)")
            : "";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  CPU        SGX {YesNo(c.Sgx)}, SGX1 {YesNo(c.Sgx1)}, SGX2 {YesNo(c.Sgx2)}, FLC {YesNo(c.FlexibleLaunchControl)}{maxEnclave}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  EPC        {EpcSize.Format(report.Epc.TotalBytes)} ({report.Epc.TotalMebibytes} MiB) from {report.Epc.Origin}");
        for (var i = 0; i < c.EpcSections.Count; i++)
        {
            var s = c.EpcSections[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"    section {i}  base 0x{s.BaseAddress:x}, size {EpcSize.Format(s.SizeBytes)}");
        }
        foreach (var n in report.NumaEpc)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    NUMA node {n.Node}: {EpcSize.Format(n.TotalBytes)} managed by the kernel");
        }
        text.AppendLine("  Devices");
        foreach (var node in report.DeviceNodes.Nodes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {node.HostPath,-20} {Describe(node)}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  Enclaves   {(report.EnclavesUsable ? "can run here" : "cannot run here")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Quoting    {(quoting.Usable ? "possible here" : "not possible here")}: {quoting.Detail}");
        if (report.Problems.Count > 0)
        {
            text.AppendLine("  Problems");
            foreach (var problem in report.Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {problem}");
            }
        }
        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Describe(SgxDeviceNodeStatus node) => node.State switch
    {
        DeviceNodeState.CharacterDevice => "character device",
        DeviceNodeState.Missing => "missing",
        DeviceNodeState.Simulated => "simulated",
        _ => $"not a character device ({node.FoundKind})",
    };
}
