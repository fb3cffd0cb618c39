using System.Text;

namespace Confcom.Simulation.Collateral;

/// <summary>
/// A collateral JSON object exactly as signed (compact text, fixed key order) and its raw r‖s ECDSA P-256 signature
/// by the simulated TCB Signing key.
/// </summary>
public sealed record SignedJsonDocument(string Text, byte[] Signature)
{
    /// <summary>The PCS response body: <c>{"&lt;name&gt;":&lt;exact text&gt;,"signature":"&lt;hex&gt;"}</c>.</summary>
    public string ToPcsBody(string name) =>
        new StringBuilder().Append("{\"").Append(name).Append("\":").Append(Text)
            .Append(",\"signature\":\"").Append(Convert.ToHexStringLower(Signature)).Append("\"}").ToString();
}
