using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Confcom.DevicePlugin.Transport;

/// <summary>
/// Kestrel connection middleware for the plugin's Unix socket: kubelets before 1.26 dial without setting the HTTP/2
/// <c>:authority</c>, so grpc-go sends the socket PATH, which Kestrel's host validation answers with RST_STREAM
/// PROTOCOL_ERROR (no option turns that off: dotnet/aspnetcore#18522, #47043). Register then succeeds and every
/// ListAndWatch fails. On a Unix socket the authority means nothing, so before Kestrel parses a request this sets
/// every request's <c>:authority</c> to <c>localhost</c>, what kubelets from 1.26 (and our own clients) send.
/// Kestrel still does all of HTTP/2; this only edits the header blocks of HEADERS/CONTINUATION frames (see
/// <see cref="Http2AuthorityRewriter"/>), and the server advertises a header table too small to hold any entry, so
/// the client's and Kestrel's HPACK tables cannot diverge when a value is replaced.
/// </summary>
internal sealed class LocalhostAuthorityMiddleware(ConnectionDelegate next)
{
    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var original = connection.Transport;
        var rewritten = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var pump = PumpAsync(original.Input, rewritten.Writer);
        connection.Transport = new DuplexPipe(rewritten.Reader, original.Output);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            original.Input.CancelPendingRead();
            await pump.ConfigureAwait(false);
            await rewritten.Reader.CompleteAsync().ConfigureAwait(false);
            connection.Transport = original;
        }
    }

    private static async Task PumpAsync(PipeReader input, PipeWriter output)
    {
        var rewriter = new Http2AuthorityRewriter();
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = rewriter.Process(buffer, output, result.IsCompleted);
                input.AdvanceTo(consumed, buffer.End);
                var flush = await output.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled || flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ConnectionResetException)
        {
            failure = ex;
        }
        await output.CompleteAsync(failure).ConfigureAwait(false);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
