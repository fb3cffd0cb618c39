using System.Security.Cryptography;
using Confcom.QuoteHelper.Server;
using Confcom.Attestation.Client;
using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification;
using Confcom.Cli.Commands.Quoting;
using Confcom.Cli.Files;
using Confcom.DevicePlugin;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.DevicePlugin.Resources;
using Confcom.DevicePlugin.Platform;
using Confcom.Sgx.Quotes;
using Confcom.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Confcom.Simulation.Quoting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Commands.Demo;

/// <summary>
/// The whole simulated node on one machine, in the order a real node comes up: SGX platform, device plugin
/// registered with the kubelet (stand-in), quote helper and collateral service, then a workload that gets a quote
/// out of process and has it verified. Every step names itself when it fails.
/// </summary>
internal sealed class SimulatedNodeDemo(DemoSettings settings, DemoProgress progress, ILoggerFactory loggers)
{
    /// <summary>The sample Job's EPC limit (samples/attestation-job).</summary>
    private const int SampleJobEpcMiB = 10;

    /// <summary>Safety net for waits on other components; the demo normally needs well under a second for each.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private string? _quotePath;

    public async Task<DemoOutcome> RunAsync(CancellationToken cancellationToken)
    {
        // Sockets live in a short private folder (Unix socket paths stay under 108 bytes whatever --state-dir is).
        var runDirectory = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(runDirectory);
        var resources = new DemoResources();
        DemoOutcome? outcome = null;
        try
        {
            outcome = await RunStepsAsync(resources, runDirectory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var shutdownError = await ShutDownAsync(resources, runDirectory).ConfigureAwait(false);
            // A failed shutdown fails the demo, but never hides the failure of an earlier step.
            if (shutdownError is not null && outcome is not null)
            {
                throw new CliException($"demo step 6/{DemoProgress.StepCount} (shut down) failed: {shutdownError}");
            }
        }
        return outcome;
    }

    private async Task<string?> ShutDownAsync(DemoResources resources, string runDirectory)
    {
        progress.Step(6, "Shut down");
        string? error = null;
        try
        {
            await resources.DisposeAsync().ConfigureAwait(false);
        }
        catch (AggregateException ex)
        {
            error = string.Join("; ", ex.InnerExceptions.Select(e => e.Message));
            progress.Detail($"not everything stopped cleanly: {error}");
        }
        progress.Detail("stopped: " + string.Join(", ", resources.Stopped));
        Directory.Delete(runDirectory, recursive: true);
        progress.Detail($"state: {settings.StateDirectory} (simulated node identity, simulated root in {Path.Combine(settings.StateDirectory, "root")}; reuse it with --state-dir)");
        if (_quotePath is not null)
        {
            var root = Path.Combine(settings.StateDirectory, "root", "root-ca.pem");
            progress.Detail($"quote: {_quotePath}");
            progress.Detail($"  inspect it: confcom inspect {_quotePath}");
            progress.Detail($"  verify it again offline: confcom verify {_quotePath} --collateral {Path.Combine(settings.StateDirectory, "collateral.json")} --trusted-root {root}");
        }
        return error;
    }

    private async Task<DemoOutcome> RunStepsAsync(DemoResources resources, string runDirectory, CancellationToken cancellationToken)
    {
        var qe = await StepAsync(1, "simulated SGX node", () => StartNodeAsync(resources), cancellationToken).ConfigureAwait(false);
        await StepAsync(2, "device plugin", () => StartDevicePluginAsync(resources, runDirectory, cancellationToken), cancellationToken).ConfigureAwait(false);
        var (socketPath, pcs) = await StepAsync(3, "quote helper and simulated PCS",
            () => StartServicesAsync(resources, qe, runDirectory, cancellationToken), cancellationToken).ConfigureAwait(false);
        var (quotePath, quote, reportData) = await StepAsync(4, "enclave app",
            () => RunWorkloadAsync(qe, socketPath, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await StepAsync(5, "verification",
            () => VerifyAsync(qe, pcs, quotePath, quote, reportData, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private Task<SimulatedQuotingEnclave> StartNodeAsync(DemoResources resources)
    {
        progress.Step(1, $"Simulated SGX node: {EpcSize.Format(settings.EpcBytes)} EPC, state in {settings.StateDirectory}");
        // The quote helper's layout: node files in the state directory, the simulated CAs in its "root" folder, so
        // `confcom quote-helper/quote/pcs serve --state-dir` work on the same node afterwards.
        var qe = SimulatedQuotingEnclave.OpenOrCreate(settings.StateDirectory, simRootDir: null, loggers);
        resources.Add("simulated QE3", () =>
        {
            qe.Dispose();
            return ValueTask.CompletedTask;
        });
        var description = qe.Platform.Description;
        progress.Detail($"platform: FMSPC {Convert.ToHexString(description.Fmspc)}, PCE-ID {Convert.ToHexString(description.PceId)}, " +
            $"PCK certificate {qe.Platform.Node.Pck.Certificate.SerialNumber} issued by the simulated PCK Platform CA");
        return Task.FromResult(qe);
    }

    private async Task StartDevicePluginAsync(DemoResources resources, string runDirectory, CancellationToken cancellationToken)
    {
        progress.Step(2, "Device plugin (--simulate) registering with the kubelet stand-in");
        var kubeletDirectory = Path.Combine(runDirectory, "device-plugins");
        var kubelet = resources.Add("kubelet stand-in", await KubeletEmulator.StartAsync(kubeletDirectory, loggers, cancellationToken).ConfigureAwait(false));

        // An empty host root: the simulated platform reports its device nodes as simulated, whatever this machine has.
        var hostRoot = Path.Combine(runDirectory, "host");
        Directory.CreateDirectory(Path.Combine(hostRoot, "dev"));
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { Loggers = loggers });
        builder.Services.AddSgxDevicePlugin(options =>
        {
            options.KubeletDirectory = kubeletDirectory;
            options.HostRoot = hostRoot;
            options.Simulate = true;
            options.EpcBytes = settings.EpcBytes;
        });
        var host = builder.Build();
        resources.Add("device plugin", async () =>
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        });
        await host.StartAsync(cancellationToken).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        var resource = SgxResourceNames.EpcMebibytes;
        var endpoint = await kubelet.WaitForResourceAsync(resource, timeout.Token).ConfigureAwait(false);
        var devices = await endpoint.WaitForDevicesAsync(d => d.Count > 0, timeout.Token).ConfigureAwait(false);
        progress.Detail($"registered {resource} on {Path.GetFileName(endpoint.SocketPath)}");
        progress.Detail($"{resource}: {devices.Count} devices ({endpoint.HealthyCount} healthy)");

        if (devices.Count < SampleJobEpcMiB)
        {
            throw new InvalidOperationException($"only {devices.Count} MiB of EPC advertised; the sample pod asks for {SampleJobEpcMiB} MiB (raise --epc)");
        }
        var ids = devices.Take(SampleJobEpcMiB).Select(d => d.ID).ToList();
        var allocation = await endpoint.AllocateAsync(ids, timeout.Token).ConfigureAwait(false);
        progress.Detail($"Allocate for a pod with limit {resource}: {SampleJobEpcMiB} (devices {string.Join(",", ids)}):");
        foreach (var (name, value) in allocation.Envs.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            progress.Detail($"  env    {name}={value}");
        }
        foreach (var device in allocation.Devices)
        {
            progress.Detail($"  device {device.HostPath} -> {device.ContainerPath} ({device.Permissions})");
        }
        foreach (var mount in allocation.Mounts)
        {
            progress.Detail($"  mount  {mount.HostPath} -> {mount.ContainerPath}{(mount.ReadOnly ? " (ro)" : "")}");
        }
        if (allocation.Envs.Count + allocation.Devices.Count + allocation.Mounts.Count == 0)
        {
            progress.Detail("  (no envs, devices or mounts)");
        }
    }

    private async Task<(string SocketPath, Uri Pcs)> StartServicesAsync(DemoResources resources, SimulatedQuotingEnclave qe,
        string runDirectory, CancellationToken cancellationToken)
    {
        progress.Step(3, "Quote helper (simulated backend) and simulated PCS");
        var socketPath = Path.Combine(runDirectory, "aesm.socket");
        var helper = resources.Add("quote helper", new QuoteHelperServer(new QuoteHelperOptions { SocketPath = socketPath }, qe, loggerFactory: loggers));
        await helper.StartAsync(cancellationToken).ConfigureAwait(false);
        progress.Detail($"quote helper listening on {socketPath}");
        var builder = DaemonHost.CreateBuilder(new DaemonHostOptions { ServesHttp = true, Loggers = loggers, ShutdownTimeout = TimeSpan.FromSeconds(1) });
        builder.Services.AddSimulatedPcs(qe.Platform);
        builder.Listen("http://127.0.0.1:0").Map(endpoints => endpoints.MapSimulatedPcs());
        var pcsHost = builder.Build();
        resources.Add("simulated PCS", async () =>
        {
            await pcsHost.StopAsync(CancellationToken.None).ConfigureAwait(false);
            pcsHost.Dispose();
        });
        await pcsHost.StartAsync(cancellationToken).ConfigureAwait(false);
        var pcs = DaemonHost.BoundAddresses(pcsHost)[0];
        progress.Detail($"simulated PCS serving collateral at {pcs}");
        return (socketPath, pcs);
    }

    private async Task<(string QuotePath, byte[] Quote, byte[] ReportData)> RunWorkloadAsync(SimulatedQuotingEnclave qe, string socketPath,
        CancellationToken cancellationToken)
    {
        progress.Step(4, $"Enclave app with {QuoteClientOptions.AesmAddressVariable}=1 gets a quote out of process");
        // The app's environment, not this process's: the client behaves exactly as it would in the sample Job's container.
        var client = new QuoteClient(new QuoteClientOptions
        {
            GetEnvironmentVariable = name => name == QuoteClientOptions.AesmAddressVariable ? "1" : null,
            AesmSocketPath = socketPath,
        }, loggers.CreateLogger<QuoteClient>());
        var reportData = SHA256.HashData(RandomNumberGenerator.GetBytes(32)).Concat(new byte[32]).ToArray();
        var result = await new SampleEnclaveApp(qe.Platform).GetQuoteAsync(client, reportData, cancellationToken).ConfigureAwait(false);
        var quotePath = Path.Combine(settings.StateDirectory, "quote.bin");
        await OutputFile.WriteAsync("quote", quotePath, result.Quote, cancellationToken).ConfigureAwait(false);
        _quotePath = quotePath;
        progress.Detail($"QuoteClient mode: {client.Mode} via {client.Endpoint}");
        progress.Detail($"REPORT report_data: {Convert.ToHexStringLower(reportData.AsSpan(0, 32))} (SHA-256 of a fresh nonce) + 32 zero bytes");
        progress.Detail($"quote: {result.Quote.Length} bytes, written to {quotePath}");
        return (quotePath, result.Quote, reportData);
    }

    private async Task<DemoOutcome> VerifyAsync(SimulatedQuotingEnclave qe, Uri pcs, string quotePath, byte[] quote, byte[] reportData,
        CancellationToken cancellationToken)
    {
        progress.Step(5, "Verify the quote: collateral from the simulated PCS, trusting the simulated root");
        var verifier = new QuoteVerifier(new QuoteVerifierOptions { TrustAnchor = TrustAnchor.FromCertificate(qe.Platform.Root.Root.Certificate) },
            loggers.CreateLogger<QuoteVerifier>());
        using var http = new HttpClient { Timeout = StepTimeout };
        var source = new PcsCollateralSource(http, new PcsCollateralSourceOptions { BaseAddress = pcs },
            loggers.CreateLogger<PcsCollateralSource>());
        // Fetch, keep and verify, so the user can verify the same quote again offline afterwards.
        var parsed = Quote.Parse(quote);
        var fetched = await source.GetCollateralAsync(CollateralRequest.ForQuote(parsed), cancellationToken).ConfigureAwait(false);
        var collateralPath = Path.Combine(settings.StateDirectory, "collateral.json");
        fetched.Collateral.Save(collateralPath);
        progress.Detail($"collateral from {fetched.Origin}, saved to {collateralPath}");
        var result = verifier.Verify(parsed, fetched.Collateral, DateTimeOffset.UtcNow);

        var enclave = result.Enclave;
        var reportDataMatches = enclave is not null && string.Equals(enclave.ReportData, Convert.ToHexString(reportData), StringComparison.OrdinalIgnoreCase);
        var mrEnclaveMatches = enclave is not null && string.Equals(enclave.MrEnclave, Convert.ToHexString(SampleEnclaveApp.MrEnclave), StringComparison.OrdinalIgnoreCase);
        progress.Detail($"status: {result.StatusName}{(result.FailedCheck is { } check ? $" (failed check: {check}: {result.FailureMessage})" : "")}");
        progress.Detail($"TCB: platform {result.PlatformTcbStatus?.ToString() ?? "-"}, QE {result.QeTcbStatus?.ToString() ?? "-"}, FMSPC {result.Fmspc ?? "-"}" +
            (result.AdvisoryIds.Count > 0 ? $", advisories {string.Join(",", result.AdvisoryIds)}" : ""));
        if (enclave is not null)
        {
            progress.Detail($"MRENCLAVE {enclave.MrEnclave.ToLowerInvariant()} ({(mrEnclaveMatches ? "the sample enclave" : "NOT the sample enclave")})");
            progress.Detail($"MRSIGNER  {enclave.MrSigner.ToLowerInvariant()}");
        }
        progress.Detail($"report_data matches what the app put in its REPORT: {(reportDataMatches ? "yes" : "NO")}");
        var outcome = new DemoOutcome(quotePath, result, reportDataMatches, mrEnclaveMatches);
        if (!outcome.Verified)
        {
            throw new InvalidOperationException(result.IsAccepted
                ? "the quote verified but does not carry the app's MRENCLAVE and report_data"
                : $"the verifier rejected the quote: {result.StatusName}: {result.FailureMessage}");
        }
        return outcome;
    }

    private static async Task<T> StepAsync<T>(int number, string name, Func<Task<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"demo step {number}/{DemoProgress.StepCount} ({name}) failed: no progress within {StepTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not CliException)
        {
            throw new CliException($"demo step {number}/{DemoProgress.StepCount} ({name}) failed: {ex.Message}");
        }
    }

    private static async Task StepAsync(int number, string name, Func<Task> step, CancellationToken cancellationToken) =>
        await StepAsync(number, name, async () =>
        {
            await step().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
}
