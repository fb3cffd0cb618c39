namespace Confcom.DevicePlugin.Platform;

/// <summary>
/// Maps a path as the host sees it (<c>/dev/sgx_enclave</c>) to where this process reads it: under
/// <c>--host-root</c> when the host's / is mounted elsewhere (a container) or when tests build a fake tree.
/// </summary>
internal static class HostPath
{
    public static string Under(string hostRoot, string hostAbsolutePath)
    {
        ArgumentNullException.ThrowIfNull(hostRoot);
        ArgumentNullException.ThrowIfNull(hostAbsolutePath);
        return Path.Join(hostRoot, hostAbsolutePath.TrimStart('/'));
    }
}
