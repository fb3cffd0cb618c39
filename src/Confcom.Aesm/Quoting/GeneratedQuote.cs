using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Quoting;

/// <summary>A quote exactly as long as its content, and the QE report info when the caller asked for one.</summary>
public sealed record GeneratedQuote(byte[] Quote, SgxQeReportInfo? QeReportInfo);
