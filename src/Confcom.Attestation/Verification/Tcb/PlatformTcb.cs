namespace Confcom.Attestation.Verification.Tcb;

/// <summary>What the PCK certificate's SGX extension says about the platform: the values TCB matching uses.</summary>
internal sealed record PlatformTcb(byte[] Fmspc, byte[] PceId, byte[] SgxComponents, ushort PceSvn);
