using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Confcom.Hosting.Health;

/// <summary>
/// <c>/healthz</c> as text a probe and a person can read: <c>ok</c>, or one line per check that is not healthy
/// with its reason. The status codes are ASP.NET Core's: 200 for Healthy and Degraded, 503 for Unhealthy, so a
/// liveness probe does not restart a daemon that is still (re-)registering.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync("ok\n");
        }
        var text = new StringBuilder();
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").Append(entry.Status.ToString().ToLowerInvariant()).Append(": ")
                .Append(entry.Description ?? entry.Exception?.Message ?? "no reason given").Append('\n');
        }
        return context.Response.WriteAsync(text.ToString());
    }
}
