using Confcom.Aesm.Quoting;
using Confcom.Sgx.Structures;

namespace Confcom.Aesm.Dcap;

/// <summary>
/// The hardware backend: Intel's QE3 and PCE through <c>libsgx_dcap_ql.so.1</c> in this process (in-process mode,
/// so this process needs <c>/dev/sgx_enclave</c>, <c>/dev/sgx_provision</c> and a configured quote provider library).
/// UNTESTED ON SGX HARDWARE: the buffer handling and error mapping are tested against a scripted library only.
/// Quotes are serialised (<see cref="SupportsConcurrentQuotes"/> false): the library keeps global state.
/// </summary>
public sealed class DcapQuotingEnclave : IQuotingEnclave
{
    private const int PublicKeyIdSize = 32;

    private readonly IDcapQuoteLibrary _library;
    private readonly object _gate = new();

    /// <summary>Creates a DCAP quoting enclave.</summary>
    public DcapQuotingEnclave()
        : this(new DcapNativeLibrary())
    {
    }

    internal DcapQuotingEnclave(IDcapQuoteLibrary library) => _library = library;

    /// <summary>The name.</summary>
    public string Name => "dcap";

    /// <summary>The attestation key ID.</summary>
    public SgxAttestationKeyId AttestationKeyId => SgxAttestationKeyId.DefaultEcdsaP256;

    /// <summary>The supports concurrent quotes.</summary>
    public bool SupportsConcurrentQuotes => false;

    /// <summary>Init async.</summary>
    public ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken)
    {
        var targetInfo = new byte[SgxTargetInfo.Size];
        var publicKeyId = new byte[PublicKeyIdSize];
        lock (_gate)
        {
            Check(Call(() => _library.GetTargetInfo(targetInfo)), "sgx_qe_get_target_info");
            var keyId = AttestationKeyId.Bytes[..SgxAttestationKeyId.ComparedPrefixSize].ToArray();
            var scratch = new byte[SgxTargetInfo.Size];
            nuint size = 0;
            Check(Call(() => _library.InitQuote(keyId, scratch, publicKeyId, out size)), "sgx_ql_init_quote");
            if (size != PublicKeyIdSize)
            {
                throw new QuotingEnclaveException(AesmError.UnexpectedError, $"sgx_ql_init_quote reported a {size}-byte public key id; expected {PublicKeyIdSize}");
            }
        }
        return ValueTask.FromResult(new QuotingEnclaveTarget(SgxTargetInfo.Parse(targetInfo), publicKeyId));
    }

    /// <summary>Get quote size async.</summary>
    public ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken)
    {
        uint size = 0;
        lock (_gate)
        {
            Check(Call(() => _library.GetQuoteSize(out size)), "sgx_qe_get_quote_size");
        }
        return ValueTask.FromResult(size);
    }

    /// <summary>Get quote async.</summary>
    public ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appReport);
        var report = appReport.ToArray();
        lock (_gate)
        {
            uint size = 0;
            Check(Call(() => _library.GetQuoteSize(out size)), "sgx_qe_get_quote_size");
            var quote = new byte[size];
            if (qeReportInfo is null)
            {
                Check(Call(() => _library.GetQuote(report, quote)), "sgx_qe_get_quote");
                return ValueTask.FromResult(new GeneratedQuote(quote, null));
            }
            var info = qeReportInfo.ToArray();
            var keyId = AttestationKeyId.Bytes[..SgxAttestationKeyId.ComparedPrefixSize].ToArray();
            Check(Call(() => _library.GetQuoteWithQeReport(report, keyId, info, quote)), "sgx_ql_get_quote");
            return ValueTask.FromResult(new GeneratedQuote(quote, SgxQeReportInfo.Parse(info)));
        }
    }

    private static uint Call(Func<uint> native)
    {
        try
        {
            return native();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new QuotingEnclaveException(AesmError.PlatformLibUnavailable,
                $"Intel's quote library could not be loaded ({e.Message}); install libsgx-dcap-ql or use --backend simulated", e);
        }
    }

    private static void Check(uint result, string function)
    {
        var error = Quote3ErrorMapping.ToAesmError(result);
        if (error != AesmError.Success)
        {
            throw new QuotingEnclaveException(error, $"{function} returned 0x{result:X4} ({(Quote3Error)result})");
        }
    }
}
