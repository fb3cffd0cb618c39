using System.Text;

namespace Confcom.DevicePlugin.KubeletEmulation;

/// <summary>
/// Makes .NET's HTTP/2 client send a given <c>:authority</c> (a socket path, as grpc-go in kubelets before 1.26 does),
/// which HttpClient itself refuses because a path is not a valid host. .NET encodes the authority of every request
/// as one fixed field, "literal without indexing, name :authority (static index 1), value localhost" (it never uses
/// the HPACK dynamic table), so each outgoing HEADERS frame carries exactly those bytes; this stream swaps them for
/// the same field with the path as value and fixes the frame length. Emulator-only; reads pass through.
/// </summary>
internal sealed class SocketPathAuthorityStream(Stream inner, string authority) : Stream
{
    private const int PrefaceLength = 24;
    private static readonly byte[] LocalhostField = [0x01, 0x09, .. Encoding.ASCII.GetBytes("localhost")];

    private readonly byte[] _authorityField = EncodeField(authority);
    private readonly List<byte> _pending = [];
    private int _prefaceRemaining = PrefaceLength;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var output = Transform(buffer.Span);
        if (output.Length > 0)
        {
            await inner.WriteAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private byte[] Transform(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length + 64);
        foreach (var b in data)
        {
            _pending.Add(b);
        }
        if (_prefaceRemaining > 0)
        {
            var take = Math.Min(_prefaceRemaining, _pending.Count);
            output.AddRange(_pending.GetRange(0, take));
            _pending.RemoveRange(0, take);
            _prefaceRemaining -= take;
        }
        while (_prefaceRemaining == 0 && _pending.Count >= 9)
        {
            var length = (_pending[0] << 16) | (_pending[1] << 8) | _pending[2];
            if (_pending.Count < 9 + length)
            {
                break;
            }
            var frame = _pending.GetRange(0, 9 + length);
            _pending.RemoveRange(0, 9 + length);
            if (frame[3] == 0x1 && IndexOf(frame, LocalhostField, 9) is var at and >= 0)
            {
                frame.RemoveRange(at, LocalhostField.Length);
                frame.InsertRange(at, _authorityField);
                var newLength = frame.Count - 9;
                frame[0] = (byte)(newLength >> 16);
                frame[1] = (byte)(newLength >> 8);
                frame[2] = (byte)newLength;
            }
            output.AddRange(frame);
        }
        return [.. output];
    }

    private static int IndexOf(List<byte> haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Count - needle.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Literal without indexing, indexed name 1 (:authority), plain string value (RFC 7541 §6.2.2, §5.1-5.2).</summary>
    private static byte[] EncodeField(string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var field = new List<byte> { 0x01 };
        if (bytes.Length < 127)
        {
            field.Add((byte)bytes.Length);
        }
        else
        {
            field.Add(127);
            var rest = bytes.Length - 127;
            while (rest >= 128)
            {
                field.Add((byte)((rest & 0x7F) | 0x80));
                rest >>= 7;
            }
            field.Add((byte)rest);
        }
        field.AddRange(bytes);
        return [.. field];
    }
}
