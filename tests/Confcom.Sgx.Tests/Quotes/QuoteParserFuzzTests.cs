using System.Buffers.Binary;
using Confcom.Sgx.Quotes;

namespace Confcom.Sgx.Tests.Quotes;

/// <summary>
/// Seeded fuzzing: 120,000 random and mutated quotes (bit flips, byte changes, length fields set to huge or
/// sign-bit values, truncation, extension, pure noise) must either parse or raise QuoteFormatException — nothing
/// else. Whatever parses must also re-serialize to exactly the bytes it was parsed from.
/// </summary>
public class QuoteParserFuzzTests
{
    private const int Iterations = 120_000;

    private static readonly uint[] HostileLengths = [0, 1, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    [Fact]
    public void NoInputMakesTheParserThrowAnythingButQuoteFormatException()
    {
        var seeds = SeedQuotes();
        var random = new Random(20261128);
        var parsed = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var input = Mutate(random, seed);
            var allowPadding = random.Next(2) == 0;
            try
            {
                var quote = Quote.Parse(input, allowPadding);
                Assert.Equal(quote.Bytes.ToArray(), QuoteSerializer.Serialize(quote));
                _ = quote.PckCertificateChainPem;
                parsed++;
            }
            catch (QuoteFormatException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name} escaped the parser for a {input.Length}-byte input: {ex.Message}");
            }
        }
        // Mutations that only touch data bytes keep the quote valid; if none parsed the harness would be broken.
        Assert.InRange(parsed, 1, Iterations - 1);
    }

    private static List<Seed> SeedQuotes()
    {
        var raws = new List<byte[]>
        {
            SampleQuotes.Sgx,
            QuoteParser.TrimZeroPadding(SampleQuotes.Tdx).ToArray(),
            SyntheticQuotes.Build(4, TeeType.Sgx, QuoteBodyType.SgxReport, CertificationDataType.PckCertificateChain, seed: 1),
            SyntheticQuotes.Build(5, TeeType.Sgx, QuoteBodyType.SgxReport, CertificationDataType.PpidCleartext, seed: 2),
            SyntheticQuotes.Build(5, TeeType.Tdx, QuoteBodyType.TdReport15, CertificationDataType.PckCleartext, seed: 3),
        };
        return raws.Select(raw => new Seed(raw, LengthFieldOffsets(raw))).ToList();
    }

    /// <summary>Offsets of the u16/u32 length fields, computed from the spec layout (not from the codec's model).</summary>
    private static List<(int Offset, int Width)> LengthFieldOffsets(byte[] raw)
    {
        var version = BinaryPrimitives.ReadUInt16LittleEndian(raw);
        var teeType = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(4));
        var fields = new List<(int, int)>();
        int bodyEnd;
        if (version == 5)
        {
            fields.Add((50, 4));
            bodyEnd = 54 + (int)BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(50));
        }
        else
        {
            bodyEnd = 48 + (teeType == 0x81 ? 584 : 384);
        }
        fields.Add((bodyEnd, 4));
        var signature = bodyEnd + 4;
        int authSizeOffset;
        if (version == 3)
        {
            authSizeOffset = signature + 128 + 384 + 64;
        }
        else
        {
            fields.Add((signature + 130, 4));
            authSizeOffset = signature + 134 + 384 + 64;
        }
        fields.Add((authSizeOffset, 2));
        var certSizeOffset = authSizeOffset + 2 + BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(authSizeOffset)) + 2;
        fields.Add((certSizeOffset, 4));
        return fields;
    }

    private static byte[] Mutate(Random random, Seed seed)
    {
        var bytes = (byte[])seed.Raw.Clone();
        switch (random.Next(8))
        {
            case 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    var bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                }
                return bytes;
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2:
            {
                var (offset, width) = seed.LengthFields[random.Next(seed.LengthFields.Count)];
                var value = random.Next(3) == 0 ? (uint)random.Next() : HostileLengths[random.Next(HostileLengths.Length)];
                if (width == 2)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
                }
                return bytes;
            }
            case 3:
                return bytes[..random.Next(bytes.Length)];
            case 4:
            {
                var extra = new byte[random.Next(1, 64)];
                if (random.Next(2) == 0)
                {
                    random.NextBytes(extra);
                }
                return [.. bytes, .. extra];
            }
            case 5:
                // Header fields that steer the layout: version, tee type, v5 body type.
                bytes[random.Next(3) switch { 0 => 0, 1 => 4, _ => 48 }] = (byte)random.Next(256);
                return bytes;
            case 6:
            {
                var noise = new byte[random.Next(0, 1200)];
                random.NextBytes(noise);
                if (noise.Length >= 2)
                {
                    noise[0] = (byte)random.Next(2, 7);
                    noise[1] = 0;
                }
                return noise;
            }
            default:
                return bytes;
        }
    }

    private sealed record Seed(byte[] Raw, List<(int Offset, int Width)> LengthFields);
}
