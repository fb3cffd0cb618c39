using Confcom.Sgx.Structures;

namespace Confcom.Cli.Commands.Quoting;

/// <summary>The REPORT the sample enclave made and the quote the quoting enclave returned for it.</summary>
internal sealed record EnclaveAppQuote(SgxReport Report, byte[] Quote);
