using System.Security.Cryptography.X509Certificates;

namespace Confcom.Simulation.Identity;

/// <summary>Checks that a stored certificate really chains to the stored simulated root (signatures, not dates).</summary>
internal static class ChainValidation
{
    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 root, params X509Certificate2[] intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Load-time integrity check only: validity periods are the verifier's business (and tests move the clock).
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        if (!chain.Build(leaf))
        {
            return false;
        }
        var top = chain.ChainElements[^1].Certificate;
        return top.RawData.AsSpan().SequenceEqual(root.RawData);
    }
}
