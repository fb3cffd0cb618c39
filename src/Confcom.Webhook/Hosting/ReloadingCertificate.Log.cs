using Microsoft.Extensions.Logging;

namespace Confcom.Webhook.Hosting;

internal sealed partial class ReloadingCertificate
{
    [LoggerMessage(EventId = 7006, Level = LogLevel.Information,
        Message = "Serving TLS certificate {Subject} (expires {NotAfter:u}, thumbprint {Thumbprint}) from {Path}; it is reloaded when the file changes")]
    private static partial void LogLoaded(ILogger logger, string subject, DateTime notAfter, string thumbprint, string path);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information,
        Message = "Reloaded the TLS certificate from {Path}: now {Subject} (expires {NotAfter:u}, thumbprint {Thumbprint}); new connections get it")]
    private static partial void LogReloaded(ILogger logger, string subject, DateTime notAfter, string thumbprint, string path);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning,
        Message = "{CertificatePath} or {KeyPath} changed but the pair does not load ({Detail}); still serving the previous certificate. Normal for a moment while a writer replaces them one by one; otherwise check the secret")]
    private static partial void LogReloadFailed(ILogger logger, string certificatePath, string keyPath, string detail);
}
