using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Confcom.Simulation.Quoting;

/// <summary>
/// Instances of one P-256 private key, each used by one caller at a time. .NET documents <see cref="ECDsa"/>
/// instance members as not thread-safe, and importing the key for every signature costs about six signatures
/// (bench/results/sim.md), so concurrent quotes rent an instance and give it back.
/// </summary>
internal sealed class SigningKeyPool : IDisposable
{
    private readonly byte[] _pkcs8;
    private readonly ConcurrentBag<ECDsa> _idle = [];

    public SigningKeyPool(byte[] pkcs8PrivateKey) => _pkcs8 = pkcs8PrivateKey;

    /// <summary>Raw r‖s ECDSA-SHA256 signature, the encoding quotes carry.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (!_idle.TryTake(out var key))
        {
            key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(_pkcs8, out _);
        }
        try
        {
            return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            _idle.Add(key);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var key))
        {
            key.Dispose();
        }
        CryptographicOperations.ZeroMemory(_pkcs8);
    }
}
