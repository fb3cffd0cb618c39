using Confcom.Attestation.Client;

namespace Confcom.Attestation.Tests.Client;

public sealed class QuotingModeSelectionTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("unix:/somewhere/else")]
    public void Any_value_of_SGX_AESM_ADDR_selects_out_of_process(string value)
    {
        var options = new QuoteClientOptions { GetEnvironmentVariable = name => name == "SGX_AESM_ADDR" ? value : null };

        var client = new QuoteClient(options);

        Assert.Equal(QuotingMode.OutOfProcess, client.Mode);
        // Intel's client ignores the variable's value: the socket stays the configured path.
        Assert.Equal(QuoteClientOptions.DefaultAesmSocketPath, client.Endpoint);
    }

    [Fact]
    public void Unset_SGX_AESM_ADDR_selects_the_in_process_backend()
    {
        var options = new QuoteClientOptions
        {
            GetEnvironmentVariable = _ => null,
            InProcessEnclave = new FailingQuotingEnclave(Confcom.Aesm.Quoting.AesmError.Busy),
        };

        var client = new QuoteClient(options);

        Assert.Equal(QuotingMode.InProcess, client.Mode);
        Assert.Contains("failing-test-backend", client.Endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void In_process_without_a_backend_uses_DCAP_where_it_can_run_and_otherwise_says_what_is_missing()
    {
        var options = new QuoteClientOptions { GetEnvironmentVariable = _ => null };

        if (Confcom.Aesm.Dcap.DcapAvailability.WhyUnavailable() is { } reason)
        {
            var ex = Assert.Throws<ArgumentException>(() => new QuoteClient(options));
            Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
            Assert.Contains("SGX_AESM_ADDR=1", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("(dcap)", new QuoteClient(options).Endpoint, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_forced_mode_wins_over_the_environment()
    {
        var options = new QuoteClientOptions
        {
            Mode = QuotingMode.OutOfProcess,
            AesmSocketPath = "/tmp/cc-forced/aesm.socket",
            GetEnvironmentVariable = _ => null,
        };

        var client = new QuoteClient(options);

        Assert.Equal(QuotingMode.OutOfProcess, client.Mode);
        Assert.Equal("/tmp/cc-forced/aesm.socket", client.Endpoint);
    }
}
