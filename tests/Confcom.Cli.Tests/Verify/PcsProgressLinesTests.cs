using Confcom.Attestation.Collateral;
using Confcom.Cli.Commands.Verify;

namespace Confcom.Cli.Tests.Verify;

/// <summary>The progress line per PCS exchange that <c>collateral fetch</c> shows on a terminal.</summary>
public sealed class PcsProgressLinesTests
{
    [Fact]
    public void EachExchangeIsOneLineWithUrlStatusSizeAndTime()
    {
        using var output = new StringWriter();
        var progress = new PcsProgressLines(output);
        var url = new Uri("https://pccs:8081/sgx/certification/v4/tcb?fmspc=00A067110000");

        progress.Report(new PcsExchange(url, 503, null, TimeSpan.FromMilliseconds(12), TimeSpan.FromSeconds(2)));
        progress.Report(new PcsExchange(url, 200, 12345, TimeSpan.FromMilliseconds(85), null));
        progress.Report(new PcsExchange(url, 404, null, TimeSpan.FromMilliseconds(3), null));

        Assert.Equal(
            [
                $"pcs: GET {url}: HTTP 503, retrying in 2 s as the server asks",
                $"pcs: GET {url}: HTTP 200, 12,345 bytes in 85 ms",
                $"pcs: GET {url}: HTTP 404 in 3 ms",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
