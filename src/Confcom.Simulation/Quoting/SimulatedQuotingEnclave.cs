using System.Security.Cryptography;
using System.Text;
using Confcom.Aesm.Quoting;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;
using Confcom.Simulation.Enclaves;
using Confcom.Simulation.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Simulation.Quoting;

/// <summary>
/// A software QE3 + PCE on a simulated platform. Quotes are DCAP v3, byte-for-byte the layout QE3 writes (built
/// with the shared quote serializer): Intel's vendor id, QE_ID in user_data, the app's report body signed by the
/// attestation key, the QE's own report signed by the node's PCK key, QE3's authentication data and the
/// NUL-terminated PEM chain (PCK leaf, PCK Platform CA, simulated root) as certification data type 5.
/// </summary>
public sealed partial class SimulatedQuotingEnclave : IQuotingEnclave, IDisposable
{
    private readonly SimulatedPlatform _platform;
    private readonly bool _ownsPlatform;
    private readonly SimulatedEnclave _qe;
    private readonly ILogger _logger;
    private readonly SigningKeyPool _attestationKey;
    private readonly QuoteHeader _header;
    private readonly QeReportCertificationData _qeCertification;
    private readonly byte[] _publicKeyId;
    private readonly int _quoteSize;

    public SimulatedQuotingEnclave(SimulatedPlatform platform, ILogger<SimulatedQuotingEnclave>? logger = null)
        : this(platform, ownsPlatform: false, logger)
    {
    }

    private SimulatedQuotingEnclave(SimulatedPlatform platform, bool ownsPlatform, ILogger? logger)
    {
        _platform = platform;
        _ownsPlatform = ownsPlatform;
        _logger = logger ?? NullLogger.Instance;
        var node = platform.Node;
        _qe = new SimulatedEnclave(platform, SimulatedQe3.Identity(platform.Description.QeSvn));
        _attestationKey = new SigningKeyPool(node.ExportAttestationKey());

        var authData = IntelQuotingEnclave.AuthenticationData.ToArray();
        _publicKeyId = SHA256.HashData([.. node.AttestationPublicKey, .. authData]);

        // QE3 makes its report and has the PCE sign it with the PCK key when the attestation key is certified;
        // every later quote carries the same pair.
        var qeReportData = new byte[64];
        _publicKeyId.CopyTo(qeReportData, 0);
        var qeReport = _qe.CreateReport(_qe.TargetInfo, qeReportData).Body;
        var qeReportSignature = node.Pck.Key.SignData(qeReport.Bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var certificationData = new CertificationData(CertificationDataType.PckCertificateChain,
            Encoding.ASCII.GetBytes(platform.PckCertificateChainPem + "\0"));
        _qeCertification = new QeReportCertificationData(qeReport, qeReportSignature, authData, certificationData);

        byte[] userData = [.. platform.Description.QeId, 0, 0, 0, 0];
        _header = QuoteHeader.Create(QuoteConstants.Version3, TeeType.Sgx, platform.Description.QeSvn, platform.Description.PceSvn, userData);
        _quoteSize = QuoteSize.V3(authData.Length, certificationData.Data.Length);
    }

    /// <summary>
    /// The quote helper's factory: loads the simulated node in <paramref name="stateDir"/> (creating it and, when
    /// needed, the simulated root on first start). The returned backend owns the platform and disposes it.
    /// </summary>
    public static SimulatedQuotingEnclave OpenOrCreate(string stateDir, string? simRootDir = null, ILoggerFactory? loggerFactory = null)
    {
        var platform = SimulatedPlatform.OpenOrCreate(stateDir, simRootDir, loggerFactory);
        return new SimulatedQuotingEnclave(platform, ownsPlatform: true, loggerFactory?.CreateLogger<SimulatedQuotingEnclave>());
    }

    public string Name => "simulated";

    public SgxAttestationKeyId AttestationKeyId => SgxAttestationKeyId.DefaultEcdsaP256;

    /// <summary>Each concurrent quote signs with its own key instance (a small pool), so quotes may run in parallel.</summary>
    public bool SupportsConcurrentQuotes => true;

    public SimulatedPlatform Platform => _platform;

    /// <summary>The QE's target info: what an app enclave passes to EREPORT so this QE accepts its report.</summary>
    public SgxTargetInfo TargetInfo => _qe.TargetInfo;

    /// <summary>SHA-256(attestation public key ‖ auth data): InitQuoteEx's pub_key_id and QE report_data[0:32].</summary>
    public ReadOnlySpan<byte> PublicKeyId => _publicKeyId;

    public ValueTask<QuotingEnclaveTarget> InitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(new QuotingEnclaveTarget(_qe.TargetInfo, (byte[])_publicKeyId.Clone()));
    }

    public ValueTask<uint> GetQuoteSizeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult((uint)_quoteSize);
    }

    public ValueTask<GeneratedQuote> GetQuoteAsync(SgxReport appReport, SgxQeReportInfo? qeReportInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appReport);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_qe.VerifyReport(appReport))
        {
            LogInvalidReport(_logger, Convert.ToHexString(appReport.Body.MrEnclave), _platform.StateDirectory);
            throw new QuotingEnclaveException(AesmError.InvalidReport,
                "the app enclave's REPORT MAC does not verify for the simulated QE: it was not made on this simulated platform or not targeted at this QE's target info");
        }

        var signedRegion = QuoteSerializer.SignedRegion(_header, appReport.Body);
        var isvSignature = _attestationKey.Sign(signedRegion);
        var signature = new EcdsaQuoteSignatureData(isvSignature, _platform.Node.AttestationPublicKey, _qeCertification);
        var quote = QuoteSerializer.Serialize(_header, appReport.Body, signature);

        SgxQeReportInfo? filled = null;
        if (qeReportInfo is not null)
        {
            // QE3: a report for the app enclave binding the nonce to this exact quote.
            var reportData = new byte[64];
            SHA256.HashData([.. qeReportInfo.Nonce, .. quote]).CopyTo(reportData, 0);
            filled = qeReportInfo.WithQeReport(_qe.CreateReport(qeReportInfo.AppEnclaveTargetInfo, reportData));
        }
        LogQuoteGenerated(_logger, quote.Length, Convert.ToHexString(appReport.Body.MrEnclave), qeReportInfo is not null);
        return ValueTask.FromResult(new GeneratedQuote(quote, filled));
    }

    public void Dispose()
    {
        _attestationKey.Dispose();
        if (_ownsPlatform)
        {
            _platform.Dispose();
        }
    }
}
