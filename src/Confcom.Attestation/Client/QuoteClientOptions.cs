using Confcom.Aesm.Quoting;

namespace Confcom.Attestation.Client;

/// <summary>How a <see cref="QuoteClient"/> finds its quoting enclave.</summary>
public sealed class QuoteClientOptions
{
    /// <summary>The variable whose mere presence selects out-of-process quoting (DCAP's rule: any value, even empty).</summary>
    public const string AesmAddressVariable = "SGX_AESM_ADDR";

    /// <summary>Where Intel's <c>libsgx_quote_ex</c> always connects (compile-time <c>CONFIG_SOCKET_PATH</c>).</summary>
    public const string DefaultAesmSocketPath = "/var/run/aesmd/aesm.socket";

    /// <summary>Intel's <c>IPC_LATENCY</c> (release builds): 15 s, also sent to the quote helper in each request's <c>timeout</c>.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(15);

    /// <summary><see cref="QuotingMode.Auto"/> applies Intel's <c>SGX_AESM_ADDR</c> rule; the others force a path.</summary>
    public QuotingMode Mode { get; set; } = QuotingMode.Auto;

    /// <summary>The quote helper's socket. Intel's client ignores the value of <c>SGX_AESM_ADDR</c>, and so do we.</summary>
    public string AesmSocketPath { get; set; } = DefaultAesmSocketPath;

    /// <summary>
    /// Deadline for each call to the quote helper. Intel's client restarts its 15 s deadline for each read (length,
    /// then body) and has none for connect; here one deadline covers the whole exchange, which is never more lenient.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    /// <summary>
    /// The in-process backend (e.g. the simulated QE3). When null, in-process quoting uses Intel's DCAP library on this
    /// machine (<c>DcapQuotingEnclave</c>), as <c>libsgx_dcap_ql</c> does without <c>SGX_AESM_ADDR</c>.
    /// </summary>
    public IQuotingEnclave? InProcessEnclave { get; set; }

    /// <summary>Reads an environment variable; replace it to test mode selection without touching the process environment.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The mode these options select, applying Intel's rule for <see cref="QuotingMode.Auto"/>.</summary>
    public QuotingMode ResolveMode() => Mode switch
    {
        QuotingMode.Auto => GetEnvironmentVariable(AesmAddressVariable) is null ? QuotingMode.InProcess : QuotingMode.OutOfProcess,
        var forced => forced,
    };
}
