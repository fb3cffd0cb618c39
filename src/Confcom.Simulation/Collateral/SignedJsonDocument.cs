using Confcom.Sgx.Collateral;

namespace Confcom.Simulation.Collateral;

/// <summary>
/// A collateral JSON object exactly as signed (compact text, fixed key order) and its raw r‖s ECDSA P-256 signature
/// by the simulated TCB Signing key.
/// </summary>
public sealed record SignedJsonDocument(string Text, byte[] Signature)
{
    /// <summary>The PCS response body (<see cref="SignedJsonBody.Join"/>).</summary>
    public string ToPcsBody(string property) => SignedJsonBody.Join(property, Text, Signature);
}
