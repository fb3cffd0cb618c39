using System.CommandLine;
using Confcom.Cli.Commands.KubeletStandin;
using Confcom.Cli.Json;
using Confcom.Cli.Options;
using Confcom.DevicePlugin.KubeletEmulation;
using Confcom.Hosting.Logging;

namespace Confcom.Cli.Commands;

/// <summary>
/// <c>confcom kubelet-standin DIR [--allocate RESOURCE=N]…</c>: the in-repo kubelet stand-in as a verb, to try
/// <c>confcom device-plugin --kubelet-dir DIR</c> by hand or in a script. It serves DIR/kubelet.sock, prints what
/// registering plugins advertise, and allocates on request; with <c>--allocate</c> it exits once every allocation is
/// done (exit 1 when one cannot be made within <c>--timeout</c>), without it it runs until SIGTERM.
/// </summary>
internal static class KubeletStandinCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Device-plugins directory to serve kubelet.sock in (created if missing; pass the same --kubelet-dir to device-plugin)" };
        var allocate = new Option<string[]>("--allocate")
        {
            Description = "Once RESOURCE has N healthy devices, allocate N of them for one container and print the answer; repeatable. Exits when all are done",
            HelpName = "RESOURCE=N",
            AllowMultipleArgumentsPerToken = false,
        };
        allocate.Validators.Add(result =>
        {
            foreach (var value in result.TryGetValue<string[]>(out var values) ? values ?? [] : [])
            {
                try
                {
                    AllocationRequest.Parse(value);
                }
                catch (FormatException ex)
                {
                    result.AddError($"--allocate {ex.Message}");
                }
            }
        });
        var timeout = new Option<string>("--timeout")
        {
            Description = "With --allocate: how long to wait for the plugins to register and advertise enough healthy devices",
            DefaultValueFactory = _ => "30s",
        };
        timeout.Validators.Add(result =>
        {
            try
            {
                if (result.TryGetValue<string>(out var text))
                {
                    Duration.Parse(text);
                }
            }
            catch (FormatException ex)
            {
                result.AddError($"--timeout {ex.Message}");
            }
        });
        var json = new Option<bool>("--json") { Description = "With --allocate: print the plugins and the allocations as one JSON document at the end" };
        var logFormat = LogFormatOption.Create();

        var command = new Command("kubelet-standin", "Stand in for the kubelet's device manager: register device plugins, show what they advertise, allocate on request.");
        command.Arguments.Add(directory);
        command.Options.Add(allocate);
        command.Options.Add(timeout);
        command.Options.Add(json);
        command.Options.Add(logFormat);
        command.Validators.Add(result =>
        {
            if (result.TryGet(json, out var asJson) && asJson && result.TryGet(allocate, out var requested) && (requested ?? []).Length == 0)
            {
                result.AddError("--json needs --allocate (without it the stand-in runs until stopped, printing events as they come)");
            }
        });
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var dir = Path.GetFullPath(r.GetValue(directory)!);
            var requests = (r.GetValue(allocate) ?? []).Select(AllocationRequest.Parse).ToList();
            var output = r.InvocationConfiguration.Output;
            var asJson = r.GetValue(json);
            // Standard output is this verb's result; the stand-in's own logs go to standard error.
            using var loggers = ConsoleLogging.CreateFactory(LogFormatOption.Read(r, logFormat), standardError: true);
            KubeletEmulator kubelet;
            try
            {
                kubelet = await KubeletEmulator.StartAsync(dir, loggers, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"DIR {dir}: cannot serve kubelet.sock there: {FailureText.OneLine(ex.Message).TrimEnd('.')}; pass a folder this user may write");
            }
            await using (kubelet)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var session = new KubeletStandinSession(kubelet, output, quietEvents: asJson);
                session.WatchRegistrations(stop.Token);
                if (!asJson)
                {
                    output.WriteLine($"kubelet stand-in serving {kubelet.KubeletSocketPath}; start a device plugin with --kubelet-dir {dir}");
                }
                if (requests.Count == 0)
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    await stop.CancelAsync();
                    await session.StopWatchingAsync();
                    return 0;
                }
                var wait = Duration.Parse(r.GetValue(timeout)!);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(wait);
                var allocations = new List<StandinAllocation>();
                foreach (var request in requests)
                {
                    try
                    {
                        allocations.Add(await session.AllocateAsync(request, deadline.Token));
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw new CliException(
                            $"--allocate {request.Resource}={request.Count}: no plugin for {request.Resource} with {request.Count} healthy devices registered in {dir} within --timeout {Duration.Format(wait)}; " +
                            $"is 'confcom device-plugin --kubelet-dir {dir}' running and serving that resource (--resources)?");
                    }
                    catch (Grpc.Core.RpcException ex)
                    {
                        throw new CliException($"--allocate {request.Resource}={request.Count}: the plugin refused Allocate: {ex.Status.StatusCode}: {ex.Status.Detail}");
                    }
                }
                var plugins = new List<StandinPlugin>();
                foreach (var resource in requests.Select(q => q.Resource).Distinct(StringComparer.Ordinal))
                {
                    plugins.Add(KubeletStandinSession.Describe(await kubelet.WaitForResourceAsync(resource, ct)));
                }
                await stop.CancelAsync();
                await session.StopWatchingAsync();
                if (asJson)
                {
                    CliJson.Write(output, new KubeletStandinReport(dir, plugins, allocations));
                }
                return 0;
            }
        });
        return command;
    }
}
