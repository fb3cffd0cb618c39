using System.Buffers.Binary;
using Confcom.Sgx.Collateral;
using Confcom.Simulation.Collateral;
using Confcom.Simulation.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Confcom.Simulation.Pcs;

/// <summary>
/// A Kestrel server speaking the PCS v4 REST API for one simulated platform: its PCK certificate, PCK CRL,
/// TCB Info, QE Identity and Root CA CRL, with Intel's issuer-chain headers (URL-encoded PEM). Collateral is
/// issued per request from the platform's clock and the configured scenario. TDX paths answer 404.
/// </summary>
public sealed partial class SimulatedPcsServer : IAsyncDisposable
{
    private const string SgxBase = "/" + PcsApi.SgxPrefix + "/";

    private readonly WebApplication _app;
    private readonly SimulatedPlatform _platform;
    private readonly SimulatedPcsOptions _options;
    private readonly ILogger _logger;

    // Requests are served concurrently but .NET documents ECDsa instances as not thread-safe; the simulated CA
    // and TCB Signing keys sign one collateral set at a time.
    private readonly Lock _signing = new();

    private SimulatedPcsServer(WebApplication app, SimulatedPlatform platform, SimulatedPcsOptions options, ILogger logger)
    {
        _app = app;
        _platform = platform;
        _options = options;
        _logger = logger;
    }

    /// <summary>The bound address (the real port when the URL asked for port 0), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<SimulatedPcsServer> StartAsync(SimulatedPlatform platform, SimulatedPcsOptions? options = null,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        options ??= new SimulatedPcsOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        // Every response is computed in microseconds; do not hold shutdown for idle keep-alive connections.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseUrls(options.Listen);
        var app = builder.Build();
        var server = new SimulatedPcsServer(app, platform, options, loggerFactory.CreateLogger<SimulatedPcsServer>());
        server.MapEndpoints();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"simulated PCS cannot listen on {options.Listen}: {ex.Message}", ex);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal));
        LogStarted(server._logger, server.BaseAddress, options.Scenario, platform.StateDirectory);
        return server;
    }

    /// <summary>Completes when the server stops (SIGTERM through the host, or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapEndpoints()
    {
        _app.MapGet("/healthz", () => Results.Text("ok\n"));
        _app.MapGet(SgxBase + PcsApi.PckCertificatePath, PckCertificate);
        _app.MapGet(SgxBase + PcsApi.PckCrlPath, PckCrl);
        _app.MapGet(SgxBase + PcsApi.TcbInfoPath, TcbInfo);
        _app.MapGet(SgxBase + PcsApi.QeIdentityPath, QeIdentity);
        _app.MapGet(SgxBase + PcsApi.RootCaCrlPath, RootCaCrl);
        _app.MapGet("/" + PcsApi.TdxPrefix + "/{**rest}", (string rest) => NotFound($"this simulated PCS serves SGX platforms only; there is no TDX collateral for /tdx/certification/v4/{rest}"));
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
