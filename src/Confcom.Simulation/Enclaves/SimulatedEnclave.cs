using Confcom.Sgx.Structures;
using Confcom.Simulation.Platform;
using Confcom.Simulation.Reports;

namespace Confcom.Simulation.Enclaves;

/// <summary>
/// An enclave running on a simulated platform: makes REPORTs the way EREPORT does (the platform's CPUSVN, the
/// enclave's identity, caller report data, MAC keyed for the target) and checks reports targeted at itself.
/// </summary>
public sealed class SimulatedEnclave
{
    private readonly PlatformReportKey _reportKey;
    private readonly byte[] _cpuSvn;

    public SimulatedEnclave(SimulatedPlatform platform, SimulatedEnclaveIdentity identity)
        : this(platform.Node.ReportKey, platform.Description.CpuSvn, identity)
    {
    }

    internal SimulatedEnclave(PlatformReportKey reportKey, byte[] cpuSvn, SimulatedEnclaveIdentity identity)
    {
        _reportKey = reportKey;
        _cpuSvn = cpuSvn;
        Identity = identity;
    }

    public SimulatedEnclaveIdentity Identity { get; }

    public SgxTargetInfo TargetInfo => Identity.TargetInfo;

    /// <summary>EREPORT: a report about this enclave that only <paramref name="target"/> can verify.</summary>
    /// <param name="reportData">Up to 64 bytes; shorter data is zero-padded as enclaves usually do.</param>
    public SgxReport CreateReport(SgxTargetInfo target, ReadOnlySpan<byte> reportData)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (reportData.Length > 64)
        {
            throw new ArgumentException($"report data is at most 64 bytes, got {reportData.Length}", nameof(reportData));
        }
        var body = new SgxReportBodyBuilder
        {
            CpuSvn = _cpuSvn,
            MiscSelect = Identity.MiscSelect,
            IsvExtProdId = Identity.IsvExtProdId,
            Attributes = Identity.Attributes,
            MrEnclave = Identity.MrEnclave,
            MrSigner = Identity.MrSigner,
            ConfigId = Identity.ConfigId,
            IsvProdId = Identity.IsvProdId,
            IsvSvn = Identity.IsvSvn,
            ConfigSvn = Identity.ConfigSvn,
            IsvFamilyId = Identity.IsvFamilyId,
            ReportData = reportData.ToArray(),
        }.Build();
        return _reportKey.Seal(body, target);
    }

    /// <summary>EGETKEY(REPORT) + CMAC check: true when the report was made on this platform for this enclave.</summary>
    public bool VerifyReport(SgxReport report) => _reportKey.Verify(report, TargetInfo);
}
