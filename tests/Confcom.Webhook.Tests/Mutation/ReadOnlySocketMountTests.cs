using System.Diagnostics;
using System.Net.Sockets;

namespace Confcom.Webhook.Tests.Mutation;

/// <summary>
/// Why the webhook mounts the socket directory read-only: through a real read-only bind mount (what kubelet makes of
/// <c>readOnly: true</c> on a hostPath), a pod can still connect() to the quote helper's socket (the kernel's
/// read-only check covers regular files, directories and links, not connecting to a socket), but cannot delete or
/// replace it. Needs root with CAP_SYS_ADMIN (mount); reported as skipped where that is not available.
/// </summary>
public sealed class ReadOnlySocketMountTests
{
    [SkippableFact]
    public async Task Through_a_read_only_bind_mount_a_pod_can_connect_but_not_delete_or_replace_the_socket()
    {
        var root = Path.Combine("/tmp", "cc-ro-" + Guid.NewGuid().ToString("N")[..8]);
        var host = Path.Combine(root, "host");
        var pod = Path.Combine(root, "pod");
        Directory.CreateDirectory(host);
        Directory.CreateDirectory(pod);
        var hostSocket = Path.Combine(host, "aesm.socket");
        var podSocket = Path.Combine(pod, "aesm.socket");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(hostSocket));
        listener.Listen(4);
        var mounted = false;
        try
        {
            var bind = Run("mount", "--bind", host, pod);
            Skip.If(bind != 0, "mount --bind is not permitted here (needs root with CAP_SYS_ADMIN)");
            mounted = true;
            Assert.Equal(0, Run("mount", "-o", "remount,bind,ro", pod));

            using (var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                await client.ConnectAsync(new UnixDomainSocketEndPoint(podSocket));
                using var accepted = await listener.AcceptAsync();
                await client.SendAsync("ping"u8.ToArray(), SocketFlags.None);
                var buffer = new byte[4];
                Assert.Equal(4, await accepted.ReceiveAsync(buffer, SocketFlags.None));
            }

            var delete = Assert.ThrowsAny<IOException>(() => File.Delete(podSocket));
            Assert.Contains("Read-only file system", delete.Message, StringComparison.Ordinal);
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(pod, "fake.socket"), "x"));
            Assert.ThrowsAny<IOException>(() => File.Move(podSocket, Path.Combine(pod, "moved")));
            Assert.True(File.Exists(hostSocket), "the node's socket survived");
        }
        finally
        {
            if (mounted)
            {
                Run("umount", pod);
            }
            listener.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    private static int Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
