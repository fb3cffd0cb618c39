using System.Formats.Asn1;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace Confcom.Sgx.Pck;

/// <summary>
/// Intel's SGX extension (OID 1.2.840.113741.1.13.1, non-critical) of a PCK certificate, both directions: a SEQUENCE
/// of SEQUENCE { OID, value } (QVL <c>Src/AttestationParsers/src/X509/PckCertificate.cpp</c>). <see cref="Parse(ReadOnlySpan{byte})"/>
/// skips unknown items so that newer certificates still decode; required items (PPID, TCB, PCE-ID, FMSPC, SGX type)
/// must be present. <see cref="Encode"/> writes the items in Intel's order, for an issuer of PCK certificates.
/// </summary>
public sealed class PckCertificateExtension
{
    private readonly byte[] _ppid;
    private readonly byte[] _pceId;
    private readonly byte[] _fmspc;
    private readonly byte[]? _platformInstanceId;

    private PckCertificateExtension(byte[] ppid, PckTcb tcb, byte[] pceId, byte[] fmspc, SgxType sgxType, byte[]? platformInstanceId, PckPlatformConfiguration? configuration)
    {
        _ppid = ppid;
        Tcb = tcb;
        _pceId = pceId;
        _fmspc = fmspc;
        SgxType = sgxType;
        _platformInstanceId = platformInstanceId;
        Configuration = configuration;
    }

    /// <summary>PPID: the platform's Provisioning ID (encrypted in quotes, plain in the PCK certificate).</summary>
    public ReadOnlySpan<byte> Ppid => _ppid;

    /// <summary>The platform TCB: CPUSVN components and PCESVN.</summary>
    public PckTcb Tcb { get; }

    /// <summary>PCEID: the Provisioning Certification Enclave's ID.</summary>
    public ReadOnlySpan<byte> PceId => _pceId;

    /// <summary>FMSPC: the Family-Model-Stepping-Platform-CustomSKU that selects the platform's TCB Info.</summary>
    public ReadOnlySpan<byte> Fmspc => _fmspc;

    /// <summary>The SGX type (Standard, Scalable or ScalableWithIntegrity).</summary>
    public SgxType SgxType { get; }

    /// <summary>Platform-CA certificates only; empty otherwise.</summary>
    public ReadOnlySpan<byte> PlatformInstanceId => _platformInstanceId;

    /// <summary>Whether it has platform instance ID.</summary>
    public bool HasPlatformInstanceId => _platformInstanceId is not null;

    /// <summary>Platform-CA certificates only; null otherwise.</summary>
    public PckPlatformConfiguration? Configuration { get; }

    /// <summary>An extension to encode; Platform-CA certificates carry a platform instance id and a configuration.</summary>
    public static PckCertificateExtension Create(ReadOnlySpan<byte> ppid, PckTcb tcb, ReadOnlySpan<byte> pceId, ReadOnlySpan<byte> fmspc,
        SgxType sgxType, byte[]? platformInstanceId = null, PckPlatformConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(tcb);
        Length(ppid, 16, nameof(ppid));
        Length(pceId, 2, nameof(pceId));
        Length(fmspc, 6, nameof(fmspc));
        if (platformInstanceId is not null)
        {
            Length(platformInstanceId, 16, nameof(platformInstanceId));
        }
        return new PckCertificateExtension(ppid.ToArray(), tcb, pceId.ToArray(), fmspc.ToArray(), sgxType,
            platformInstanceId?.ToArray(), configuration);
    }

    /// <summary>The DER value of the extension (what goes into extnValue).</summary>
    public byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteOctets(writer, SgxExtensionOids.Ppid, _ppid);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SgxExtensionOids.Tcb);
                using (writer.PushSequence())
                {
                    for (var i = 0; i < PckTcb.ComponentCount; i++)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(SgxExtensionOids.TcbComponent(i + 1));
                            writer.WriteInteger(Tcb.ComponentSvns[i]);
                        }
                    }
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(SgxExtensionOids.PceSvn);
                        writer.WriteInteger(Tcb.PceSvn);
                    }
                    WriteOctets(writer, SgxExtensionOids.CpuSvn, Tcb.CpuSvn);
                }
            }
            WriteOctets(writer, SgxExtensionOids.PceId, _pceId);
            WriteOctets(writer, SgxExtensionOids.Fmspc, _fmspc);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SgxExtensionOids.SgxType);
                writer.WriteEnumeratedValue(SgxType);
            }
            if (_platformInstanceId is not null)
            {
                WriteOctets(writer, SgxExtensionOids.PlatformInstanceId, _platformInstanceId);
            }
            if (Configuration is { } configuration)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(SgxExtensionOids.Configuration);
                    using (writer.PushSequence())
                    {
                        WriteBoolean(writer, SgxExtensionOids.DynamicPlatform, configuration.DynamicPlatform);
                        WriteBoolean(writer, SgxExtensionOids.CachedKeys, configuration.CachedKeys);
                        WriteBoolean(writer, SgxExtensionOids.SmtEnabled, configuration.SmtEnabled);
                    }
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>The extension as it goes into a certificate (non-critical, as Intel issues it).</summary>
    public X509Extension ToX509Extension() => new(SgxExtensionOids.SgxExtension, Encode(), critical: false);

    private static void Length(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"{name} is {length} bytes, got {value.Length}", name);
        }
    }

    private static void WriteOctets(AsnWriter writer, string oid, ReadOnlySpan<byte> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteOctetString(value);
        }
    }

    private static void WriteBoolean(AsnWriter writer, string oid, bool? value)
    {
        if (value is not { } flag)
        {
            return;
        }
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteBoolean(flag);
        }
    }

    /// <summary>Decodes the SGX extension of <paramref name="certificate"/>.</summary>
    public static PckCertificateExtension Parse(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[SgxExtensionOids.SgxExtension]
            ?? throw new PckExtensionFormatException("SGX extension", SgxExtensionOids.SgxExtension, 0,
                $"certificate '{certificate.Subject}' has no SGX extension; only Intel SGX PCK certificates carry one");
        return Parse(extension.RawData);
    }

    /// <summary>Decodes the DER value of the extension (the contents of its extnValue OCTET STRING).</summary>
    public static PckCertificateExtension Parse(ReadOnlySpan<byte> extensionDer) => new Decoder(extensionDer.ToArray()).Decode();

    /// <summary>Walks the DER, remembering where it is so errors can name the item and its offset.</summary>
    private sealed class Decoder(byte[] der)
    {
        private string _item = "SGX extension";
        private string _oid = SgxExtensionOids.SgxExtension;
        private int _offset;

        public PckCertificateExtension Decode()
        {
            try
            {
                return DecodeItems();
            }
            catch (AsnContentException ex)
            {
                throw Error($"not valid DER: {ex.Message}");
            }
        }

        private PckCertificateExtension DecodeItems()
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var items = reader.ReadSequence();
            reader.ThrowIfNotEmpty();

            byte[]? ppid = null, pceId = null, fmspc = null, platformInstanceId = null;
            PckTcb? tcb = null;
            SgxType? sgxType = null;
            PckPlatformConfiguration? configuration = null;
            while (items.HasData)
            {
                var item = EnterItem(items, "SGX extension item");
                switch (_oid)
                {
                    case SgxExtensionOids.Ppid:
                        ppid = ReadOctets(item, "PPID", 16);
                        break;
                    case SgxExtensionOids.Tcb:
                        _item = "TCB";
                        tcb = ReadTcb(item.ReadSequence());
                        break;
                    case SgxExtensionOids.PceId:
                        pceId = ReadOctets(item, "PCE-ID", 2);
                        break;
                    case SgxExtensionOids.Fmspc:
                        fmspc = ReadOctets(item, "FMSPC", 6);
                        break;
                    case SgxExtensionOids.SgxType:
                        sgxType = ReadSgxType(item);
                        break;
                    case SgxExtensionOids.PlatformInstanceId:
                        platformInstanceId = ReadOctets(item, "PlatformInstanceID", 16);
                        break;
                    case SgxExtensionOids.Configuration:
                        _item = "Configuration";
                        configuration = ReadConfiguration(item.ReadSequence());
                        break;
                    default:
                        item.ReadEncodedValue();
                        break;
                }
                item.ThrowIfNotEmpty();
            }

            _offset = der.Length;
            return new PckCertificateExtension(
                Required(ppid, "PPID", SgxExtensionOids.Ppid),
                Required(tcb, "TCB", SgxExtensionOids.Tcb),
                Required(pceId, "PCE-ID", SgxExtensionOids.PceId),
                Required(fmspc, "FMSPC", SgxExtensionOids.Fmspc),
                Required(sgxType, "SGX Type", SgxExtensionOids.SgxType),
                platformInstanceId,
                configuration);
        }

        private PckTcb ReadTcb(AsnReader entries)
        {
            var components = new int?[PckTcb.ComponentCount];
            int? pceSvn = null;
            byte[]? cpuSvn = null;
            while (entries.HasData)
            {
                var entry = EnterItem(entries, "TCB item");
                if (_oid == SgxExtensionOids.PceSvn)
                {
                    _item = "PCESVN";
                    pceSvn = ReadInteger(entry, ushort.MaxValue);
                }
                else if (_oid == SgxExtensionOids.CpuSvn)
                {
                    cpuSvn = ReadOctets(entry, "CPUSVN", 16);
                }
                else if (ComponentIndex(_oid) is { } index)
                {
                    _item = $"SGX TCB comp {index:D2} SVN";
                    components[index - 1] = ReadInteger(entry, byte.MaxValue);
                }
                else
                {
                    entry.ReadEncodedValue();
                }
                entry.ThrowIfNotEmpty();
            }

            var svns = new byte[PckTcb.ComponentCount];
            for (var i = 0; i < svns.Length; i++)
            {
                svns[i] = (byte)Required(components[i], $"SGX TCB comp {i + 1:D2} SVN", SgxExtensionOids.TcbComponent(i + 1));
            }
            return new PckTcb(svns, (ushort)Required(pceSvn, "PCESVN", SgxExtensionOids.PceSvn), Required(cpuSvn, "CPUSVN", SgxExtensionOids.CpuSvn));
        }

        private PckPlatformConfiguration ReadConfiguration(AsnReader entries)
        {
            bool? dynamicPlatform = null, cachedKeys = null, smtEnabled = null;
            while (entries.HasData)
            {
                var entry = EnterItem(entries, "Configuration item");
                switch (_oid)
                {
                    case SgxExtensionOids.DynamicPlatform:
                        dynamicPlatform = entry.ReadBoolean();
                        break;
                    case SgxExtensionOids.CachedKeys:
                        cachedKeys = entry.ReadBoolean();
                        break;
                    case SgxExtensionOids.SmtEnabled:
                        smtEnabled = entry.ReadBoolean();
                        break;
                    default:
                        entry.ReadEncodedValue();
                        break;
                }
                entry.ThrowIfNotEmpty();
            }
            return new PckPlatformConfiguration(dynamicPlatform, cachedKeys, smtEnabled);
        }

        private AsnReader EnterItem(AsnReader parent, string what)
        {
            _item = what;
            _offset = OffsetOf(parent);
            var item = parent.ReadSequence();
            _oid = item.ReadObjectIdentifier();
            _offset = OffsetOf(item);
            return item;
        }

        private byte[] ReadOctets(AsnReader reader, string item, int length)
        {
            _item = item;
            var value = reader.ReadOctetString();
            return value.Length == length ? value : throw Error($"expected an OCTET STRING of {length} bytes, found {value.Length}");
        }

        private int ReadInteger(AsnReader reader, int max)
        {
            // DER keeps a leading 00 for values with the top bit set (255 is 02 02 00 FF), so read the number, not bytes.
            var value = reader.ReadInteger();
            return value >= BigInteger.Zero && value <= max ? (int)value : throw Error($"expected an INTEGER in 0..{max}, found {value}");
        }

        private SgxType ReadSgxType(AsnReader reader)
        {
            _item = "SGX Type";
            var value = new BigInteger(reader.ReadEnumeratedBytes().Span, isUnsigned: false, isBigEndian: true);
            return value >= 0 && value <= 2 ? (SgxType)(int)value : throw Error($"expected 0 (Standard), 1 (Scalable) or 2 (ScalableWithIntegrity), found {value}");
        }

        private T Required<T>(T? value, string item, string oid)
            where T : class =>
            value ?? throw new PckExtensionFormatException(item, oid, der.Length, "required item is missing");

        private T Required<T>(T? value, string item, string oid)
            where T : struct =>
            value ?? throw new PckExtensionFormatException(item, oid, der.Length, "required item is missing");

        private PckExtensionFormatException Error(string detail) => new(_item, _oid, _offset, detail);

        private int OffsetOf(AsnReader reader)
        {
            if (!reader.HasData)
            {
                return der.Length;
            }
            return MemoryMarshal.TryGetArray(reader.PeekEncodedValue(), out var segment) ? segment.Offset : 0;
        }

        private static int? ComponentIndex(string oid)
        {
            var prefix = SgxExtensionOids.Tcb + ".";
            return oid.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(oid.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                && index is >= 1 and <= PckTcb.ComponentCount
                ? index
                : null;
        }
    }
}
