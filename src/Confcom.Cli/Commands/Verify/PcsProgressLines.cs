using System.Globalization;
using Confcom.Attestation.Collateral;

namespace Confcom.Cli.Commands.Verify;

/// <summary>One line per PCS/PCCS exchange on standard error, so a slow fetch is never two silent minutes.</summary>
internal sealed class PcsProgressLines(TextWriter output) : IProgress<PcsExchange>
{
    private readonly Lock _gate = new();

    public void Report(PcsExchange value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var line = value.RetryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"pcs: GET {value.Url}: HTTP {value.StatusCode}, retrying in {wait.TotalSeconds:0.#} s as the server asks")
            : value.Bytes is { } bytes
                ? string.Create(CultureInfo.InvariantCulture, $"pcs: GET {value.Url}: HTTP {value.StatusCode}, {bytes:N0} bytes in {value.Elapsed.TotalMilliseconds:0} ms")
                : string.Create(CultureInfo.InvariantCulture, $"pcs: GET {value.Url}: HTTP {value.StatusCode} in {value.Elapsed.TotalMilliseconds:0} ms");
        // The requests run in parallel: one whole line at a time.
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
