using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Quoting;

/// <summary>What InitQuoteEx returns: the QE's target info (for the app's EREPORT) and the attestation key id hash.</summary>
public sealed record QuotingEnclaveTarget(SgxTargetInfo TargetInfo, byte[] PublicKeyId);
