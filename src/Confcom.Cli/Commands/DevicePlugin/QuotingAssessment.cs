namespace Confcom.Cli.Commands.DevicePlugin;

/// <summary>How an enclave app here would get its quotes (Intel's <c>SGX_AESM_ADDR</c> rule), and whether that works.</summary>
/// <param name="Usable">Quotes can be made.</param>
/// <param name="OutOfProcess">Through the quote helper's socket (SGX_AESM_ADDR set) rather than in process.</param>
/// <param name="Detail">One sentence: the route, what was checked, and for a failure what to do.</param>
internal sealed record QuotingAssessment(bool Usable, bool OutOfProcess, string Detail);
