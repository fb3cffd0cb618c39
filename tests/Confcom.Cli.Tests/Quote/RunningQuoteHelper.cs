using Confcom.QuoteHelper.Server;
using Confcom.Cli.Tests.Support;
using Confcom.Simulation.Quoting;
using Confcom.Testing;

namespace Confcom.Cli.Tests.Quoting;

/// <summary>
/// A simulated node with the real quote helper serving its simulated QE3 on a private socket: what the demo and a
/// node's DaemonSet run, hosted inside the test.
/// </summary>
internal sealed class RunningQuoteHelper : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly QuoteHelperServer _server;

    private RunningQuoteHelper(TempDirectory directory, SimulatedQuotingEnclave enclave, QuoteHelperServer server)
    {
        _directory = directory;
        Enclave = enclave;
        _server = server;
    }

    public SimulatedQuotingEnclave Enclave { get; }

    public string SocketPath => _server.SocketPath;

    public string StateDirectory => Enclave.Platform.StateDirectory;

    public string TempFile(string name) => _directory.File(name);

    public static async Task<RunningQuoteHelper> StartAsync()
    {
        var directory = new TempDirectory();
        var enclave = SimulatedQuotingEnclave.OpenOrCreate(directory.File("node"), directory.File("root"));
        var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.File("aesm.socket") }, enclave);
        await server.StartAsync();
        return new RunningQuoteHelper(directory, enclave, server);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Enclave.Dispose();
        _directory.Dispose();
    }
}
