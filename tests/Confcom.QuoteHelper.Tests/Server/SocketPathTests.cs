using System.Net.Sockets;
using Confcom.Aesm.Client;
using Confcom.QuoteHelper.Server;
using Confcom.QuoteHelper.Tests.Support;
using Confcom.Testing;

namespace Confcom.QuoteHelper.Tests.Server;

/// <summary>
/// What <c>--socket</c> may name. Only a stale socket is ever replaced: a file, a directory or a link at the path is
/// refused with the path named and left exactly as it was, because <c>--socket</c> naming the wrong path must not
/// cost anyone a file.
/// </summary>
public class SocketPathTests
{
    [Fact]
    public async Task A_regular_file_at_the_socket_path_is_refused_named_and_left_untouched()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.SocketPath, "someone's data");
        await using var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, new CannedQuotingEnclave());

        var e = await Assert.ThrowsAsync<AesmSocketPathOccupiedException>(() => server.StartAsync());

        Assert.Contains(directory.SocketPath, e.Message, StringComparison.Ordinal);
        Assert.Contains("a regular file", e.Message, StringComparison.Ordinal);
        Assert.Equal("someone's data", await File.ReadAllTextAsync(directory.SocketPath));
        Assert.Equal([directory.SocketPath], Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task A_directory_at_the_socket_path_is_refused_and_kept_with_its_contents()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.SocketPath);
        await File.WriteAllTextAsync(Path.Combine(directory.SocketPath, "inside"), "kept");
        await using var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, new CannedQuotingEnclave());

        var e = await Assert.ThrowsAsync<AesmSocketPathOccupiedException>(() => server.StartAsync());

        Assert.Contains("a directory", e.Message, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(directory.SocketPath, "inside")));
    }

    [Fact]
    public async Task A_symbolic_link_at_the_socket_path_is_refused_and_neither_link_nor_target_is_touched()
    {
        using var directory = new TempDirectory();
        var target = directory.File("target.txt");
        await File.WriteAllTextAsync(target, "target data");
        File.CreateSymbolicLink(directory.SocketPath, target);
        await using var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, new CannedQuotingEnclave());

        var e = await Assert.ThrowsAsync<AesmSocketPathOccupiedException>(() => server.StartAsync());

        Assert.Contains("a symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Equal(target, new FileInfo(directory.SocketPath).LinkTarget);
        Assert.Equal("target data", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task A_stale_socket_is_replaced_in_one_step_and_the_new_one_serves()
    {
        using var directory = new TempDirectory();
        // Bound but not listening: connects are refused, exactly like the file a killed process leaves behind.
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(directory.SocketPath));
        await using var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath }, new CannedQuotingEnclave());

        await server.StartAsync();

        Assert.Equal(0u, (await new AesmClient(directory.SocketPath).GetSupportedAttKeyIdNumAsync()).ErrorCode);
        // Nothing is left behind but the socket itself (the hidden name it was bound under is renamed onto the path).
        Assert.Equal([directory.SocketPath], Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task Stop_leaves_a_file_that_replaced_the_socket_in_place()
    {
        using var directory = new TempDirectory();
        var server = new QuoteHelperServer(new QuoteHelperOptions { SocketPath = directory.SocketPath, SocketCheckInterval = TimeSpan.FromHours(1) }, new CannedQuotingEnclave());
        await server.StartAsync();
        // Replaced in one step (rename over it), so the path is never missing and the helper never rebinds.
        var file = directory.File("replacement");
        await File.WriteAllTextAsync(file, "put here by someone else");
        File.Move(file, directory.SocketPath, overwrite: true);

        await server.StopAsync();
        await server.DisposeAsync();

        Assert.Equal("put here by someone else", await File.ReadAllTextAsync(directory.SocketPath));
    }
}
