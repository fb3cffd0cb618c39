using System.Collections.Concurrent;
using System.Text;
using Confcom.Attestation.Collateral;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Collateral;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) answering the PCS v4 / PCCS paths from a collateral bundle, with the
/// issuer chains URL-encoded in the real header names and TCB Info / QE Identity wrapped as PCS serves them.
/// </summary>
internal sealed class SamplePcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private SamplePcsServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Requests => _requests;

    /// <summary>Every request as it arrived: path and query, and the API key header it carried (null if none).</summary>
    public ConcurrentQueue<(string PathAndQuery, string? ApiKey)> Seen { get; } = new();

    /// <summary>Runs before the PCS routes; returning true means it answered the request itself.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    /// <summary>When true every endpoint answers 503, like a PCCS that lost its upstream.</summary>
    public bool Unavailable { get; set; }

    public static async Task<SamplePcsServer> StartAsync(QuoteCollateral bundle, string fmspc, string tee, bool likeIntelPcs = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SamplePcsServer(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            server.Seen.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers["Ocp-Apim-Subscription-Key"].FirstOrDefault()));
            if (server.Intercept is { } intercept && await intercept(context))
            {
                return;
            }
            if (server.Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await next(context);
        });
        app.MapGet("/sgx/certification/v4/pckcrl", (HttpContext context) =>
        {
            context.Response.Headers["SGX-PCK-CRL-Issuer-Chain"] = Uri.EscapeDataString(bundle.PckCrlIssuerChain);
            return Results.Bytes(bundle.PckCrl, "application/pkix-crl");
        });
        app.MapGet($"/{tee}/certification/v4/tcb", (HttpContext context) =>
        {
            if (!string.Equals(context.Request.Query["fmspc"].ToString(), fmspc, StringComparison.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }
            context.Response.Headers["TCB-Info-Issuer-Chain"] = Uri.EscapeDataString(bundle.TcbInfoIssuerChain);
            return Results.Text($"{{\"tcbInfo\":{bundle.TcbInfo},\"signature\":\"{Convert.ToHexStringLower(bundle.TcbInfoSignature)}\"}}", "application/json", Encoding.UTF8);
        });
        app.MapGet($"/{tee}/certification/v4/qe/identity", (HttpContext context) =>
        {
            context.Response.Headers["SGX-Enclave-Identity-Issuer-Chain"] = Uri.EscapeDataString(bundle.QeIdentityIssuerChain);
            return Results.Text($"{{\"enclaveIdentity\":{bundle.QeIdentity},\"signature\":\"{Convert.ToHexStringLower(bundle.QeIdentitySignature)}\"}}", "application/json", Encoding.UTF8);
        });
        if (likeIntelPcs)
        {
            // Intel PCS has no rootcacrl endpoint; the CRL (DER) sits at the root certificate's distribution point.
            app.MapGet("/IntelSGXRootCA.der", () => Results.Bytes(bundle.RootCaCrl, "application/pkix-crl"));
        }
        else
        {
            // PCCS serves the Root CA CRL as hex text.
            app.MapGet("/sgx/certification/v4/rootcacrl", () => Results.Text(Convert.ToHexStringLower(bundle.RootCaCrl)));
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
