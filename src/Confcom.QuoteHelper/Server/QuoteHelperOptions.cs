using Confcom.Aesm.Protocol;

namespace Confcom.QuoteHelper.Server;

/// <summary>Settings of the AESM-compatible quote helper daemon.</summary>
public sealed class QuoteHelperOptions
{
    /// <summary>Where Intel's <c>libsgx_quote_ex</c> looks for aesmd (its compile-time <c>CONFIG_SOCKET_PATH</c>).</summary>
    public const string DefaultSocketPath = "/var/run/aesmd/aesm.socket";

    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>Largest request body accepted; a longer length prefix is refused before anything is allocated.</summary>
    public int MaxRequestBytes { get; set; } = AesmFrame.DefaultMaxBodyBytes;

    /// <summary>
    /// Largest <c>buf_size</c> honoured in GetQuoteEx. AESM returns a zero-padded buffer of exactly that size, so
    /// without a cap one request could make us allocate 4 GiB. Larger requests get AESM_OUT_OF_MEMORY_ERROR.
    /// </summary>
    public int MaxQuoteBufferBytes { get; set; } = 1024 * 1024;

    /// <summary>A client that has not sent its whole request by then is dropped.</summary>
    public TimeSpan ClientRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections served at once; further clients wait in the listen backlog (bounds memory).</summary>
    public int MaxConcurrentConnections { get; set; } = 128;

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
        if (MaxConcurrentConnections < 1 || MaxConcurrentQuotes < 1 || ListenBacklog < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentConnections), "connection, quote and backlog limits must be at least 1");
        }
    }
}
