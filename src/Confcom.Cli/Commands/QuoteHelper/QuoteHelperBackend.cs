namespace Confcom.Cli.Commands.QuoteHelper;

/// <summary>The <c>--backend</c> choices of <c>confcom quote-helper</c>.</summary>
internal enum QuoteHelperBackend
{
    /// <summary>dcap when the SGX devices and Intel's library are present, otherwise simulated (with a warning).</summary>
    Auto,

    /// <summary>Intel's QE3/PCE through libsgx_dcap_ql.</summary>
    Dcap,

    /// <summary>The software QE3/PCE of the simulated platform.</summary>
    Simulated,
}
