namespace Confcom.Sgx.Structures;

/// <summary>
/// The 960-byte <c>sgx_qe_report_info_t</c> (same layout as DCAP's <c>sgx_ql_qe_report_info_t</c>):
/// nonce 0/16, app_enclave_target_info 16/512, qe_report 528/432. The app fills the first two; the QE returns
/// its own REPORT targeted at the app in the third.
/// </summary>
public sealed class SgxQeReportInfo
{
    /// <summary>The structure's size in bytes.</summary>
    public const int Size = 960;
    /// <summary>Nonce offset.</summary>
    public const int NonceOffset = 0;
    /// <summary>The target info offset.</summary>
    public const int TargetInfoOffset = 16;
    /// <summary>Qe report offset.</summary>
    public const int QeReportOffset = 528;

    private SgxQeReportInfo(byte[] nonce, SgxTargetInfo appTargetInfo, byte[] qeReport)
    {
        Nonce = nonce;
        AppEnclaveTargetInfo = appTargetInfo;
        QeReportBytes = qeReport;
    }

    /// <summary>Parses a sgx qe report info; malformed input throws a <see cref="System.FormatException"/> naming the field.</summary>
    public static SgxQeReportInfo Parse(ReadOnlySpan<byte> bytes)
    {
        SgxFormatException.ThrowIfWrongLength("sgx_qe_report_info_t", bytes, Size);
        return new SgxQeReportInfo(
            bytes.Slice(NonceOffset, 16).ToArray(),
            SgxTargetInfo.Parse(bytes.Slice(TargetInfoOffset, SgxTargetInfo.Size)),
            bytes.Slice(QeReportOffset, SgxReport.Size).ToArray());
    }

    /// <summary>Creates a SGX QE report info.</summary>
    public static SgxQeReportInfo Create(ReadOnlySpan<byte> nonce, SgxTargetInfo appTargetInfo, SgxReport? qeReport = null)
    {
        if (nonce.Length != 16)
        {
            throw new ArgumentException($"nonce must be 16 bytes, got {nonce.Length}", nameof(nonce));
        }
        return new SgxQeReportInfo(nonce.ToArray(), appTargetInfo, qeReport?.ToArray() ?? new byte[SgxReport.Size]);
    }

    /// <summary>The nonce.</summary>
    public byte[] Nonce { get; }

    /// <summary>The app enclave target info.</summary>
    public SgxTargetInfo AppEnclaveTargetInfo { get; }

    /// <summary>The raw 432 bytes of the QE report slot (all zero until the QE fills it).</summary>
    public byte[] QeReportBytes { get; }

    /// <summary>The QE report.</summary>
    public SgxReport QeReport => SgxReport.Parse(QeReportBytes);

    /// <summary>With QE report.</summary>
    public SgxQeReportInfo WithQeReport(SgxReport qeReport) => new(Nonce, AppEnclaveTargetInfo, qeReport.ToArray());

    /// <summary>The structure's bytes, in the layout Intel defines.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        Nonce.CopyTo(bytes, NonceOffset);
        AppEnclaveTargetInfo.Bytes.CopyTo(bytes.AsSpan(TargetInfoOffset));
        QeReportBytes.CopyTo(bytes, QeReportOffset);
        return bytes;
    }
}
