using Confcom.Aesm.Protocol;
using Confcom.Aesm.Quoting;
using Confcom.Attestation.Client;
using Confcom.Sgx.Structures;

namespace Confcom.Attestation.Tests.Client;

/// <summary>Transport failures and AESM error replies, each over a real Unix socket, as the app finally sees them.</summary>
public sealed class OutOfProcessErrorTests
{
    private static readonly SgxReport AppReport = SgxReport.Parse(new byte[SgxReport.Size]);

    private static QuoteClient ClientFor(string socketPath, TimeSpan? callTimeout = null) => new(new QuoteClientOptions
    {
        Mode = QuotingMode.OutOfProcess,
        AesmSocketPath = socketPath,
        CallTimeout = callTimeout ?? QuoteClientOptions.DefaultCallTimeout,
    });

    [Fact]
    public async Task No_listener_is_service_unavailable_and_says_what_to_check()
    {
        var socketPath = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8], "aesm.socket");

        var ex = await Assert.ThrowsAsync<QuoteException>(() => ClientFor(socketPath).GetTargetInfoAsync());

        Assert.Equal(SgxStatus.ServiceUnavailable, ex.Status);
        Assert.Equal(Quote3Error.ServiceUnavailable, ex.Quote3Error);
        Assert.Null(ex.AesmError);
        Assert.StartsWith(
            $"quote helper not reachable at {socketPath}: is the quote helper DaemonSet running and /var/run/aesmd mounted?",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_helper_that_accepts_and_never_answers_is_a_service_timeout()
    {
        await using var peer = new ScriptedAesmPeer(_ => null, silent: true);

        var ex = await Assert.ThrowsAsync<QuoteException>(() => ClientFor(peer.SocketPath, TimeSpan.FromMilliseconds(400)).GetTargetInfoAsync());

        Assert.Equal(SgxStatus.ServiceTimeout, ex.Status);
        Assert.Equal(Quote3Error.ServiceTimeout, ex.Quote3Error);
        Assert.True(ex.IsTransient);
        Assert.Contains(peer.SocketPath, ex.Message, StringComparison.Ordinal);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task A_helper_that_closes_without_replying_is_unexpected()
    {
        await using var peer = new ScriptedAesmPeer(_ => null);

        var ex = await Assert.ThrowsAsync<QuoteException>(() => ClientFor(peer.SocketPath).GetTargetInfoAsync());

        Assert.Equal(SgxStatus.Unexpected, ex.Status);
        Assert.Equal(Quote3Error.Unexpected, ex.Quote3Error);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_a_quote_error()
    {
        await using var peer = new ScriptedAesmPeer(_ => null, silent: true);
        using var cancel = new CancellationTokenSource();
        var call = ClientFor(peer.SocketPath).GetTargetInfoAsync(cancel.Token);
        while (peer.Requests.IsEmpty)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [MemberData(nameof(IntelErrorMappingTests.Rows), MemberType = typeof(IntelErrorMappingTests))]
    public async Task Each_AESM_error_reply_maps_to_Intels_codes(uint aesm, QuoteOperation operation, uint sgxStatus, uint quote3)
    {
        var failing = operation switch
        {
            QuoteOperation.InitQuote => AesmRequestKind.InitQuoteEx,
            QuoteOperation.GetQuoteSize => AesmRequestKind.GetQuoteSizeEx,
            _ => AesmRequestKind.GetQuoteEx,
        };
        await using var peer = new ScriptedAesmPeer(CannedAesmReplies.FailingAt(failing, aesm));
        var client = ClientFor(peer.SocketPath);

        var ex = operation == QuoteOperation.InitQuote
            ? await Assert.ThrowsAsync<QuoteException>(() => client.GetTargetInfoAsync())
            : await Assert.ThrowsAsync<QuoteException>(() => client.GetQuoteAsync(AppReport));

        Assert.Equal(operation, ex.Operation);
        Assert.Equal(sgxStatus, (uint)ex.Status);
        Assert.Equal(quote3, (uint)ex.Quote3Error);
        Assert.Equal((AesmError)aesm, ex.AesmError);
        Assert.Contains(peer.SocketPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"({aesm})", ex.Message, StringComparison.Ordinal);
    }
}
