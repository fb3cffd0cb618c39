namespace Confcom.Attestation.Client;

/// <summary>Where quotes come from.</summary>
public enum QuotingMode
{
    /// <summary>Intel's rule: out of process when <c>SGX_AESM_ADDR</c> is set (any value, even empty), else in process.</summary>
    Auto,

    /// <summary>Through an <see cref="Confcom.Aesm.Quoting.IQuotingEnclave"/> in this process.</summary>
    InProcess,

    /// <summary>Through the AESM-compatible quote helper's Unix socket.</summary>
    OutOfProcess,
}
