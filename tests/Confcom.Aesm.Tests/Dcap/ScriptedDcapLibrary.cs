using Confcom.Aesm.Dcap;

namespace Confcom.Aesm.Tests.Dcap;

/// <summary>
/// Stands in for libsgx_dcap_ql where no SGX hardware exists: records the buffer sizes the backend passes and
/// answers with scripted results, so the marshalling up to the native call is what the tests check.
/// </summary>
internal sealed class ScriptedDcapLibrary : IDcapQuoteLibrary
{
    public uint Result { get; set; }

    /// <summary>What the runtime throws when the .so or a symbol is missing; thrown from every call when set.</summary>
    public Exception? LoadFailure { get; set; }

    public uint QuoteSize { get; set; } = 1100;

    public nuint ReportedPublicKeyIdSize { get; set; } = 32;

    public List<string> Calls { get; } = [];

    public uint GetTargetInfo(Span<byte> targetInfo)
    {
        Calls.Add($"target_info({targetInfo.Length})");
        targetInfo.Fill(0x11);
        return Result;
    }

    public uint GetQuoteSize(out uint quoteSize)
    {
        if (LoadFailure is not null)
        {
            throw LoadFailure;
        }
        Calls.Add("quote_size");
        quoteSize = QuoteSize;
        return Result;
    }

    public uint GetQuote(ReadOnlySpan<byte> appReport, Span<byte> quote)
    {
        Calls.Add($"get_quote(report {appReport.Length}, quote {quote.Length})");
        quote.Fill(0x33);
        return Result;
    }

    public uint InitQuote(ReadOnlySpan<byte> attKeyId, Span<byte> targetInfo, Span<byte> publicKeyId, out nuint publicKeyIdSize)
    {
        Calls.Add($"init_quote(key {attKeyId.Length}, target_info {targetInfo.Length}, pub_key_id {publicKeyId.Length})");
        publicKeyId.Fill(0x22);
        publicKeyIdSize = ReportedPublicKeyIdSize;
        return Result;
    }

    public uint GetQuoteWithQeReport(ReadOnlySpan<byte> appReport, ReadOnlySpan<byte> attKeyId, Span<byte> qeReportInfo, Span<byte> quote)
    {
        Calls.Add($"ql_get_quote(report {appReport.Length}, key {attKeyId.Length}, info {qeReportInfo.Length}, quote {quote.Length})");
        qeReportInfo[528..].Fill(0x44);
        quote.Fill(0x33);
        return Result;
    }
}
