using System.Text.RegularExpressions;
using Confcom.DevicePlugin.Transport;
using Confcom.DevicePlugin.V1Beta1;
using Confcom.DevicePlugin.Platform;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using DevicePluginGrpc = Confcom.DevicePlugin.V1Beta1.DevicePlugin;

namespace Confcom.DevicePlugin.KubeletEmulation;

/// <summary>
/// A stand-in for the kubelet's device manager, for tests and <c>confcom demo</c>: serves Registration on
/// kubelet.sock and behaves like the kubelet where plugins can tell (k8s pkg/kubelet/cm/devicemanager):
/// checks the version and resource name, dials the plugin back and calls GetDevicePluginOptions inside Register,
/// keeps the latest ListAndWatch list with grpc's 4 MiB receive limit, calls Allocate with one container request,
/// and restarts by deleting every socket in its directory and recreating kubelet.sock.
/// </summary>
public sealed partial class KubeletEmulator : IAsyncDisposable
{
    private static readonly Regex ExtendedResourceName = ExtendedResourceNamePattern();

    private readonly ILoggerFactory _loggers;
    private readonly ILogger<KubeletEmulator> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedPluginEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _registrations = new(StringComparer.Ordinal);
    private TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _server;

    private readonly KubeletEmulatorOptions _options;

    private KubeletEmulator(string deviceDirectory, ILoggerFactory loggers, KubeletEmulatorOptions options)
    {
        _options = options;
        DeviceDirectory = deviceDirectory;
        KubeletSocketPath = Path.Combine(deviceDirectory, KubeletProtocol.KubeletSocketName);
        _loggers = loggers;
        _logger = loggers.CreateLogger<KubeletEmulator>();
    }

    public string DeviceDirectory { get; }

    public string KubeletSocketPath { get; }

    public int Restarts { get; private set; }

    /// <summary>Raised after each successful registration (a re-registration too), with the plugin now held for that resource.</summary>
    public event EventHandler<EmulatedPluginEndpoint>? Registered;

    /// <summary>Starts the emulated kubelet in <paramref name="deviceDirectory"/> (created if needed), like a kubelet start.</summary>
    public static Task<KubeletEmulator> StartAsync(string deviceDirectory, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default) =>
        StartAsync(deviceDirectory, new KubeletEmulatorOptions(), loggers, cancellationToken);

    /// <summary>As <see cref="StartAsync(string, ILoggerFactory?, CancellationToken)"/>, behaving as <paramref name="options"/> say.</summary>
    public static async Task<KubeletEmulator> StartAsync(string deviceDirectory, KubeletEmulatorOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var kubelet = new KubeletEmulator(deviceDirectory, loggers ?? NullLoggerFactory.Instance, options);
        Directory.CreateDirectory(deviceDirectory);
        var checkpoint = Path.Combine(deviceDirectory, KubeletProtocol.CheckpointFileName);
        if (!File.Exists(checkpoint))
        {
            // Stands in for the kubelet's checkpoint so tests can prove plugins never touch it.
            await File.WriteAllTextAsync(checkpoint, "{\"Data\":{\"PodDeviceEntries\":null,\"RegisteredDevices\":{}},\"Checksum\":0}", cancellationToken).ConfigureAwait(false);
        }
        await kubelet.ServeAsync(cancellationToken).ConfigureAwait(false);
        return kubelet;
    }

    /// <summary>How many times <paramref name="resourceName"/> registered successfully, across restarts.</summary>
    public int RegistrationCount(string resourceName)
    {
        lock (_gate)
        {
            return _registrations.GetValueOrDefault(resourceName);
        }
    }

    /// <summary>The plugin currently registered for <paramref name="resourceName"/>, waiting for its registration if needed.</summary>
    public async Task<EmulatedPluginEndpoint> WaitForResourceAsync(string resourceName, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task registered;
            lock (_gate)
            {
                if (_endpoints.TryGetValue(resourceName, out var endpoint))
                {
                    return endpoint;
                }
                registered = _registered.Task;
            }
            await registered.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A kubelet restart: stop serving, forget every plugin (their streams end), delete every Unix socket in the
    /// directory and nothing else, then serve kubelet.sock again. Plugins must notice and register again.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopServingAsync().ConfigureAwait(false);
        foreach (var entry in Directory.EnumerateFileSystemEntries(DeviceDirectory))
        {
            if (UnixFileStatus.GetWithoutFollowing(entry).Kind == UnixFileKind.Socket)
            {
                File.Delete(entry);
            }
        }
        Restarts++;
        LogRestarted(DeviceDirectory, Restarts);
        await ServeAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopServingAsync().ConfigureAwait(false);
        File.Delete(KubeletSocketPath);
    }

    internal async Task RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        if (request.Version != KubeletProtocol.Version)
        {
            LogRejected(request.ResourceName, "unsupported version " + request.Version);
            throw new RpcException(new Status(StatusCode.Unknown,
                $"requested API version \"{request.Version}\" is not supported by kubelet. Supported version is \"{KubeletProtocol.Version}\""));
        }
        if (!IsExtendedResourceName(request.ResourceName))
        {
            LogRejected(request.ResourceName, "invalid resource name");
            throw new RpcException(new Status(StatusCode.Unknown, $"the ResourceName \"{request.ResourceName}\" is invalid"));
        }
        if (string.IsNullOrEmpty(request.Endpoint) || request.Endpoint.Contains('/', StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.Unknown, $"endpoint \"{request.Endpoint}\" must be a socket file name in {DeviceDirectory}"));
        }

        var socketPath = Path.Combine(DeviceDirectory, request.Endpoint);
        if (_options.DialsLikeKubeletBefore126)
        {
            // The old device manager answered Register at once and connected in the background: a plugin it could
            // not talk to still saw a successful Register.
            _ = Task.Run(() => AddEndpointAsync(request, socketPath, new V1Beta1.DevicePluginOptions(), socketPathAsAuthority: true), CancellationToken.None);
            return;
        }
        var channel = EmulatedPluginEndpoint.Dial(socketPath);
        V1Beta1.DevicePluginOptions options;
        try
        {
            options = await new DevicePluginGrpc.DevicePluginClient(channel).GetDevicePluginOptionsAsync(new Empty(),
                deadline: DateTime.UtcNow + KubeletProtocol.KubeletDialTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            channel.Dispose();
            LogRejected(request.ResourceName, "dial-back failed: " + ex.Status.Detail);
            throw new RpcException(new Status(StatusCode.Unknown, $"failed to dial device plugin {socketPath}: {ex.Status.Detail}"));
        }
        await AddEndpointAsync(request, socketPath, options, channel).ConfigureAwait(false);
    }

    private Task AddEndpointAsync(RegisterRequest request, string socketPath, V1Beta1.DevicePluginOptions options, bool socketPathAsAuthority) =>
        AddEndpointAsync(request, socketPath, options, EmulatedPluginEndpoint.Dial(socketPath, socketPathAsAuthority));

    private async Task AddEndpointAsync(RegisterRequest request, string socketPath, V1Beta1.DevicePluginOptions options, Grpc.Net.Client.GrpcChannel channel)
    {
        var endpoint = new EmulatedPluginEndpoint(request.ResourceName, socketPath, options, channel);
        EmulatedPluginEndpoint? replaced;
        TaskCompletionSource toSignal;
        lock (_gate)
        {
            _endpoints.Remove(request.ResourceName, out replaced);
            _endpoints[request.ResourceName] = endpoint;
            _registrations[request.ResourceName] = _registrations.GetValueOrDefault(request.ResourceName) + 1;
            toSignal = _registered;
            _registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (replaced is not null)
        {
            await replaced.DisposeAsync().ConfigureAwait(false);
        }
        if (_options.OpensListAndWatch)
        {
            endpoint.StartListAndWatch();
        }
        LogRegistered(request.ResourceName, socketPath);
        toSignal.TrySetResult();
        Registered?.Invoke(this, endpoint);
    }

    /// <summary>Mirrors v1helper.IsExtendedResourceName: a qualified "domain/name" outside kubernetes.io.</summary>
    internal static bool IsExtendedResourceName(string name) =>
        ExtendedResourceName.IsMatch(name)
        && !name.Contains("kubernetes.io/", StringComparison.Ordinal)
        && !name.StartsWith("requests.", StringComparison.Ordinal);

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        File.Delete(KubeletSocketPath);
        var server = UnixSocketGrpcServer.Build(KubeletSocketPath, _loggers,
            services => services.AddSingleton(this),
            app => app.MapGrpcService<EmulatedRegistrationService>());
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        _server = server;
    }

    private async Task StopServingAsync()
    {
        List<EmulatedPluginEndpoint> endpoints;
        lock (_gate)
        {
            endpoints = [.. _endpoints.Values];
            _endpoints.Clear();
        }
        foreach (var endpoint in endpoints)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null)
        {
            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    [GeneratedRegex("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)/([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$")]
    private static partial Regex ExtendedResourceNamePattern();
}
