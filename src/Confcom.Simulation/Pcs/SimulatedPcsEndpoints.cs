using System.Buffers.Binary;
using Confcom.Sgx.Collateral;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Confcom.Simulation.Pcs;

/// <summary>
/// The PCS v4 REST API for one simulated platform: its PCK certificate, PCK CRL, TCB Info, QE Identity and Root CA
/// CRL, with Intel's issuer-chain headers (URL-encoded PEM). Collateral is issued per request from the platform's
/// clock and the configured scenario. TDX paths answer 404. Hosted through <c>AddSimulatedPcs</c>/<c>MapSimulatedPcs</c>.
/// </summary>
internal sealed partial class SimulatedPcsEndpoints
{
    private const string SgxBase = "/" + PcsApi.SgxPrefix + "/";

    private readonly SimulatedPlatform _platform;
    private readonly SimulatedPcsOptions _options;
    private readonly ILogger _logger;

    // Requests are served concurrently but .NET documents ECDsa instances as not thread-safe; the simulated CA
    // and TCB Signing keys sign one collateral set at a time.
    private readonly Lock _signing = new();

    public SimulatedPcsEndpoints(SimulatedPlatform platform, SimulatedPcsOptions options, ILogger<SimulatedPcsEndpoints> logger)
    {
        _platform = platform;
        _options = options;
        _logger = logger;
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        LogServing(_logger, _options.Scenario, _platform.StateDirectory);
        endpoints.MapGet(SgxBase + PcsApi.PckCertificatePath, PckCertificate);
        endpoints.MapGet(SgxBase + PcsApi.PckCrlPath, PckCrl);
        endpoints.MapGet(SgxBase + PcsApi.TcbInfoPath, TcbInfo);
        endpoints.MapGet(SgxBase + PcsApi.QeIdentityPath, QeIdentity);
        endpoints.MapGet(SgxBase + PcsApi.RootCaCrlPath, RootCaCrl);
        endpoints.MapGet("/" + PcsApi.TdxPrefix + "/{**rest}", (string rest) => NotFound($"this simulated PCS serves SGX platforms only; there is no TDX collateral for /tdx/certification/v4/{rest}"));
    }

    private IResult PckCertificate(HttpContext context)
    {
        var description = _platform.Description;
        var pceId = context.Request.Query["pceid"].ToString();
        if (pceId.Length > 0 && !string.Equals(pceId, Convert.ToHexString(description.PceId), StringComparison.OrdinalIgnoreCase))
        {
            return NotFound($"no PCK certificate for pceid {pceId}; this simulated platform has pceid {Convert.ToHexString(description.PceId)}");
        }
        var headers = context.Response.Headers;
        headers[PcsApi.PckCertificateIssuerChainHeader] = Uri.EscapeDataString(_platform.Root.PckCaChainPem);
        var tcbm = new byte[18];
        description.CpuSvn.CopyTo(tcbm, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(tcbm.AsSpan(16), description.PceSvn);
        headers[PcsApi.TcbMHeader] = Convert.ToHexString(tcbm);
        headers[PcsApi.FmspcHeader] = Convert.ToHexString(description.Fmspc);
        headers[PcsApi.PckCertificateCaTypeHeader] = "platform";
        return Results.Text(_platform.Node.Pck.CertificatePem, "application/x-pem-file");
    }

    private IResult PckCrl(HttpContext context)
    {
        var ca = context.Request.Query["ca"].ToString();
        if (ca.Length == 0)
        {
            return BadRequest("missing query parameter 'ca' (processor or platform)");
        }
        if (string.Equals(ca, "processor", StringComparison.OrdinalIgnoreCase))
        {
            return NotFound("this simulated PCS issues PCK certificates from a PCK Platform CA only; ask for ca=platform");
        }
        if (!string.Equals(ca, "platform", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest($"query parameter 'ca' is '{ca}'; expected processor or platform");
        }
        context.Response.Headers[PcsApi.PckCrlIssuerChainHeader] = Uri.EscapeDataString(_platform.Root.PckCaChainPem);
        return Crl(Issue().PckCrl, context.Request.Query["encoding"].ToString());
    }

    private IResult TcbInfo(HttpContext context)
    {
        var fmspc = context.Request.Query["fmspc"].ToString();
        if (fmspc.Length != 12 || !fmspc.All(Uri.IsHexDigit))
        {
            return BadRequest($"query parameter 'fmspc' must be 12 hex digits, got '{fmspc}'");
        }
        if (!string.Equals(fmspc, Convert.ToHexString(_platform.Description.Fmspc), StringComparison.OrdinalIgnoreCase))
        {
            return NotFound($"no TCB info for FMSPC {fmspc}; this simulated platform's FMSPC is {Convert.ToHexString(_platform.Description.Fmspc)}");
        }
        context.Response.Headers[PcsApi.TcbInfoIssuerChainHeader] = Uri.EscapeDataString(_platform.Root.TcbSigningChainPem);
        return Results.Text(Issue().TcbInfo.ToPcsBody(PcsApi.TcbInfoProperty), "application/json");
    }

    private IResult QeIdentity(HttpContext context)
    {
        context.Response.Headers[PcsApi.EnclaveIdentityIssuerChainHeader] = Uri.EscapeDataString(_platform.Root.TcbSigningChainPem);
        return Results.Text(Issue().QeIdentity.ToPcsBody(PcsApi.EnclaveIdentityProperty), "application/json");
    }

    /// <summary>PCCS style: hex of the DER CRL (DER itself with <c>encoding=der</c>).</summary>
    private IResult RootCaCrl(HttpContext context)
    {
        var crl = Issue().RootCaCrl;
        return string.Equals(context.Request.Query["encoding"].ToString(), "der", StringComparison.OrdinalIgnoreCase)
            ? Results.Bytes(crl, "application/pkix-crl")
            : Results.Text(CrlEncoding.ToHex(crl), "text/plain");
    }

    private static IResult Crl(byte[] der, string encoding) =>
        string.Equals(encoding, "der", StringComparison.OrdinalIgnoreCase)
            ? Results.Bytes(der, "application/pkix-crl")
            : Results.Text(CrlEncoding.ToPem(der), "application/x-pem-file");

    private SimulatedCollateral Issue()
    {
        lock (_signing)
        {
            return SimulatedCollateralIssuer.Issue(_platform, _options.Scenario, validity: _options.Validity);
        }
    }

    private IResult NotFound(string message)
    {
        LogNotFound(_logger, message);
        return Results.Text(message + "\n", "text/plain", statusCode: StatusCodes.Status404NotFound);
    }

    private IResult BadRequest(string message)
    {
        LogBadRequest(_logger, message);
        return Results.Text(message + "\n", "text/plain", statusCode: StatusCodes.Status400BadRequest);
    }
}
