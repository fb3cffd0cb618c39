using System.Formats.Asn1;
using Confcom.Sgx.Pck;

namespace Confcom.Simulation.Tests.Pck;

/// <summary>Test-side decoder of the SGX extension, written against the OID table (independent of the encoder).</summary>
internal static class SgxExtensionReader
{
    public static Dictionary<string, object> Read(byte[] der)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        while (outer.HasData)
        {
            ReadEntry(outer.ReadSequence(), values);
        }
        return values;
    }

    private static void ReadEntry(AsnReader entry, Dictionary<string, object> values)
    {
        var oid = entry.ReadObjectIdentifier();
        var tag = entry.PeekTag();
        if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var inner = entry.ReadSequence();
            while (inner.HasData)
            {
                ReadEntry(inner.ReadSequence(), values);
            }
            values[oid] = "sequence";
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
        {
            values[oid] = entry.ReadOctetString();
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.Integer))
        {
            values[oid] = (int)entry.ReadInteger();
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.Enumerated))
        {
            values[oid] = (int)new System.Numerics.BigInteger(entry.ReadEnumeratedBytes().Span, isUnsigned: false, isBigEndian: true);
        }
        else if (tag.HasSameClassAndValue(Asn1Tag.Boolean))
        {
            values[oid] = entry.ReadBoolean();
        }
        else
        {
            throw new InvalidDataException($"unexpected tag {tag} under {oid}");
        }
        Assert.False(entry.HasData);
        _ = SgxExtensionOids.SgxExtension;
    }
}
