using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Confcom.Sgx.Pck;
using Confcom.Simulation.Platform;

namespace Confcom.Simulation.Pck;

/// <summary>
/// Encodes Intel's SGX extension (OID 1.2.840.113741.1.13.1, non-critical) for a Platform-CA PCK certificate:
/// SEQUENCE of SEQUENCE { OID, value } with PPID, TCB (16 component SVNs, PCESVN, CPUSVN), PCE-ID, FMSPC, SGX Type,
/// PlatformInstanceID and Configuration (aesm-dcap spec §4; QVL <c>AttestationParsers/src/X509</c>).
/// </summary>
internal static class SgxPckExtension
{
    public static X509Extension Create(SimulatedPlatformDescription platform) =>
        new(SgxExtensionOids.SgxExtension, Encode(platform), critical: false);

    public static byte[] Encode(SimulatedPlatformDescription platform)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteOctets(writer, SgxExtensionOids.Ppid, platform.Ppid);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SgxExtensionOids.Tcb);
                using (writer.PushSequence())
                {
                    for (var i = 0; i < 16; i++)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(SgxExtensionOids.TcbComponent(i + 1));
                            writer.WriteInteger(platform.TcbComponents[i]);
                        }
                    }
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(SgxExtensionOids.PceSvn);
                        writer.WriteInteger(platform.PceSvn);
                    }
                    WriteOctets(writer, SgxExtensionOids.CpuSvn, platform.CpuSvn);
                }
            }
            WriteOctets(writer, SgxExtensionOids.PceId, platform.PceId);
            WriteOctets(writer, SgxExtensionOids.Fmspc, platform.Fmspc);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SgxExtensionOids.SgxType);
                writer.WriteEnumeratedValue(platform.SgxType);
            }
            WriteOctets(writer, SgxExtensionOids.PlatformInstanceId, platform.PlatformInstanceId);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SgxExtensionOids.Configuration);
                using (writer.PushSequence())
                {
                    WriteBoolean(writer, SgxExtensionOids.DynamicPlatform, platform.DynamicPlatform);
                    WriteBoolean(writer, SgxExtensionOids.CachedKeys, platform.CachedKeys);
                    WriteBoolean(writer, SgxExtensionOids.SmtEnabled, platform.SmtEnabled);
                }
            }
        }
        return writer.Encode();
    }

    private static void WriteOctets(AsnWriter writer, string oid, ReadOnlySpan<byte> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteOctetString(value);
        }
    }

    private static void WriteBoolean(AsnWriter writer, string oid, bool value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteBoolean(value);
        }
    }
}
