namespace Confcom.QuoteHelper.Server;

/// <summary>Settings of the AESM-compatible quote helper daemon.</summary>
public sealed class QuoteHelperOptions
{
    /// <summary>Where Intel's <c>libsgx_quote_ex</c> looks for aesmd (its compile-time <c>CONFIG_SOCKET_PATH</c>).</summary>
    public const string DefaultSocketPath = "/var/run/aesmd/aesm.socket";

    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>
    /// Default <see cref="MaxRequestBytes"/>: 16 KiB, six times the largest request Intel's client sends (SelectAttKeyID
    /// with ten key ids, 2.6 KiB; a GetQuoteEx with qe_report_info is 1.7 KiB). Every open connection may hold one
    /// request buffer, so this times <see cref="MaxConcurrentConnections"/> bounds what idle clients can pin (16 MiB).
    /// </summary>
    public const int DefaultMaxRequestBytes = 16 * 1024;

    /// <summary>Largest request body accepted; a longer length prefix is refused before anything is allocated.</summary>
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>
    /// Largest <c>buf_size</c> honoured in GetQuoteEx. AESM returns a zero-padded buffer of exactly that size, so
    /// without a cap one request could make us allocate 4 GiB. Larger requests get AESM_OUT_OF_MEMORY_ERROR.
    /// </summary>
    public int MaxQuoteBufferBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// A client that has not sent its whole request by then is dropped, and one that does not read its reply within it
    /// is dropped too. Well under Intel's 15 s client deadline (<c>IPC_LATENCY</c>): Intel's client writes its whole
    /// request right after connecting, so only an idle or dripping client ever reaches it, and such a client must be
    /// gone long before a real one would give up. The deadline covers the whole request, not each read, so a client
    /// dripping a byte at a time gains nothing.
    /// </summary>
    public TimeSpan ClientRequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connections held at once. Accepting never waits for an idle one: at the limit the oldest connection that has not
    /// sent its whole request is dropped to make room (counted as <c>evicted</c>). Only when every connection has sent a
    /// complete request does the next client wait in the listen backlog. The default is aesmd's own ceiling
    /// (<c>select()</c> handles 1,024 descriptors).
    /// </summary>
    public int MaxConcurrentConnections { get; set; } = 1024;

    /// <summary>
    /// Requests answered at once (from dispatch until the reply is sent). Bounds reply memory: a GetQuoteEx reply is
    /// padded to the client's buf_size (up to <see cref="MaxQuoteBufferBytes"/>). Further complete requests wait, holding
    /// only their request bytes.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 128;

    /// <summary>
    /// How often the socket path is checked (besides inotify events) for having been deleted or replaced, in which
    /// case the helper binds it again.
    /// </summary>
    public TimeSpan SocketCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Quotes generated at once when the backend allows it (<c>SupportsConcurrentQuotes</c>); otherwise 1.
    /// The default is the processor count: signing is CPU-bound, more would only queue inside the thread pool.
    /// </summary>
    public int MaxConcurrentQuotes { get; set; } = Environment.ProcessorCount;

    /// <summary>Listen backlog (AESM uses 32; Intel's client blocks in <c>connect</c> when it is full).</summary>
    public int ListenBacklog { get; set; } = 512;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(SocketPath))
        {
            throw new ArgumentException("the quote helper needs a socket path", nameof(SocketPath));
        }
        if (MaxRequestBytes < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestBytes), MaxRequestBytes, "must be at least 16 bytes");
        }
        if (MaxConcurrentConnections < 1 || MaxConcurrentRequests < 1 || MaxConcurrentQuotes < 1 || ListenBacklog < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentConnections), "connection, request, quote and backlog limits must be at least 1");
        }
        if (ClientRequestTimeout <= TimeSpan.Zero || SocketCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ClientRequestTimeout), "the client deadline and the socket check interval must be positive");
        }
    }
}
