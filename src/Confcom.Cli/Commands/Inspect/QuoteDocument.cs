using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Confcom.Sgx;
using Confcom.Sgx.Pck;
using Confcom.Sgx.Quotes;
using Confcom.Sgx.Structures;

namespace Confcom.Cli.Commands.Inspect;

/// <summary>
/// Everything <c>confcom inspect</c> shows about a quote, as one JSON tree: both the <c>--json</c> output and the
/// text view are rendered from it, so the two can never list different fields. Bytes are lower-case hex (the CLI's
/// JSON style, docs/cli.md).
/// </summary>
internal static class QuoteDocument
{
    public static JsonObject Create(Quote quote, QuoteInput input)
    {
        var document = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["encoding"] = input.Encoding.ToString().ToLowerInvariant(),
                ["decodedBytes"] = input.Bytes.Length,
                ["quoteLength"] = quote.Length,
                ["zeroPaddingBytes"] = input.Bytes.Length - quote.Length,
            },
            ["header"] = Header(quote.Header),
        };
        if (quote.Header.Version == QuoteConstants.Version5)
        {
            document["bodyDescriptor"] = new JsonObject { ["bodyType"] = (ushort)quote.Body.Type, ["bodyTypeName"] = quote.Body.Type.ToString(), ["bodySize"] = quote.Body.Size };
        }
        document["body"] = quote.Body.Td is { } td ? TdBody(td) : SgxBody(quote.Body.Sgx!);
        document["signedRegion"] = new JsonObject { ["offset"] = 0, ["length"] = quote.SignedRegion.Length };
        document["signatureData"] = SignatureData(quote);
        if (quote.PckCertificateChainPem is { } pem)
        {
            document["pckCertificateChain"] = CertificateChain(pem);
        }
        return document;
    }

    private static JsonObject Header(QuoteHeader header) => new()
    {
        ["version"] = header.Version,
        ["attestationKeyType"] = header.AttestationKeyType,
        ["attestationKeyTypeName"] = header.AttestationKeyType == QuoteConstants.AttestationKeyTypeEcdsaP256 ? "ECDSA-256-with-P-256" : "unknown",
        ["teeType"] = Hex32((uint)header.TeeType),
        ["teeTypeName"] = Enum.IsDefined(header.TeeType) ? header.TeeType.ToString().ToUpperInvariant() : "unknown",
        ["qeSvn"] = header.QeSvn,
        ["pceSvn"] = header.PceSvn,
        ["qeVendorId"] = Hex(header.QeVendorId),
        ["qeVendorIsIntel"] = header.QeVendorId.SequenceEqual(IntelQuotingEnclave.VendorId),
        ["userData"] = Hex(header.UserData),
        ["acceptedByQvl"] = header.IsSupportedByQvl,
    };

    private static JsonObject SgxBody(SgxReportBody body) => new()
    {
        ["type"] = "SGX report",
        ["cpuSvn"] = Hex(body.CpuSvn),
        ["miscSelect"] = Hex32(body.MiscSelect),
        ["isvExtProdId"] = Hex(body.IsvExtProdId),
        ["attributes"] = new JsonObject
        {
            ["flags"] = Hex64(body.Attributes.Flags),
            ["xfrm"] = Hex64(body.Attributes.Xfrm),
            ["debug"] = body.IsDebug,
        },
        ["mrEnclave"] = Hex(body.MrEnclave),
        ["mrSigner"] = Hex(body.MrSigner),
        ["configId"] = Hex(body.ConfigId),
        ["isvProdId"] = body.IsvProdId,
        ["isvSvn"] = body.IsvSvn,
        ["configSvn"] = body.ConfigSvn,
        ["isvFamilyId"] = Hex(body.IsvFamilyId),
        ["reportData"] = Hex(body.ReportData),
    };

    private static JsonObject TdBody(TdReportBody body)
    {
        var json = new JsonObject
        {
            ["type"] = body.IsTd15 ? "TD report 1.5" : "TD report 1.0",
            ["teeTcbSvn"] = Hex(body.TeeTcbSvn),
            ["mrSeam"] = Hex(body.MrSeam),
            ["mrSignerSeam"] = Hex(body.MrSignerSeam),
            ["seamAttributes"] = Hex64(body.SeamAttributes),
            ["tdAttributes"] = Hex64(body.TdAttributes),
            ["xfam"] = Hex64(body.Xfam),
            ["mrTd"] = Hex(body.MrTd),
            ["mrConfigId"] = Hex(body.MrConfigId),
            ["mrOwner"] = Hex(body.MrOwner),
            ["mrOwnerConfig"] = Hex(body.MrOwnerConfig),
        };
        for (var i = 0; i < TdReportBody.RtMrCount; i++)
        {
            json[$"rtMr{i}"] = Hex(body.RtMr(i));
        }
        json["reportData"] = Hex(body.ReportData);
        if (body.IsTd15)
        {
            json["teeTcbSvn2"] = Hex(body.TeeTcbSvn2);
            json["mrServiceTd"] = Hex(body.MrServiceTd);
        }
        return json;
    }

    private static JsonObject SignatureData(Quote quote)
    {
        var signature = quote.Signature;
        var qe = signature.QeReportCertificationData;
        var certification = qe.CertificationData;
        var certificationJson = new JsonObject
        {
            ["type"] = (ushort)certification.Type,
            ["typeName"] = Enum.IsDefined(certification.Type) ? certification.Type.ToString() : "unknown",
            ["size"] = certification.Data.Length,
            ["data"] = Hex(certification.Data.Span),
        };
        if (certification.PckCertificateChainPem is { } pem)
        {
            certificationJson["pem"] = pem;
        }
        return new JsonObject
        {
            ["length"] = quote.SignatureDataLength,
            ["isvSignature"] = Hex(signature.IsvSignature.Span),
            ["attestationPublicKey"] = Hex(signature.AttestationPublicKey.Span),
            ["qeReportCertificationData"] = new JsonObject
            {
                ["wrappedInCertificationDataType6"] = quote.Header.Version != QuoteConstants.Version3,
                ["qeReport"] = SgxBody(qe.QeReport),
                ["qeReportSignature"] = Hex(qe.QeReportSignature.Span),
                ["authenticationDataSize"] = qe.AuthenticationData.Length,
                ["authenticationData"] = Hex(qe.AuthenticationData.Span),
                ["certificationData"] = certificationJson,
            },
        };
    }

    private static JsonNode CertificateChain(string pem)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            return new JsonObject { ["error"] = $"the PEM chain does not decode: {ex.Message}" };
        }

        var certificates = new JsonArray();
        JsonNode? extension = null;
        foreach (var certificate in chain)
        {
            certificates.Add((JsonNode)new JsonObject
            {
                ["subject"] = certificate.Subject,
                ["issuer"] = certificate.Issuer,
                ["serialNumber"] = certificate.SerialNumber.ToLowerInvariant(),
                ["notBefore"] = certificate.NotBefore.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["notAfter"] = certificate.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["sha256Fingerprint"] = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            });
            if (extension is null && certificate.Extensions[SgxExtensionOids.SgxExtension] is not null)
            {
                extension = PckExtension(certificate);
            }
        }
        foreach (var certificate in chain)
        {
            certificate.Dispose();
        }
        return new JsonObject
        {
            ["certificates"] = certificates,
            ["pckSgxExtension"] = extension ?? new JsonObject { ["error"] = "no certificate in the chain carries the SGX extension" },
        };
    }

    private static JsonObject PckExtension(X509Certificate2 leaf)
    {
        PckCertificateExtension extension;
        try
        {
            extension = PckCertificateExtension.Parse(leaf);
        }
        catch (SgxFormatException ex)
        {
            return new JsonObject { ["error"] = ex.Message };
        }
        var json = new JsonObject
        {
            ["fmspc"] = Hex(extension.Fmspc),
            ["pceId"] = Hex(extension.PceId),
            ["tcbComponentSvns"] = new JsonArray([.. extension.Tcb.ComponentSvns.ToArray().Select(svn => (JsonNode)svn)]),
            ["pceSvn"] = extension.Tcb.PceSvn,
            ["cpuSvn"] = Hex(extension.Tcb.CpuSvn),
            ["sgxType"] = extension.SgxType.ToString(),
            ["ppid"] = Hex(extension.Ppid),
        };
        if (extension.HasPlatformInstanceId)
        {
            json["platformInstanceId"] = Hex(extension.PlatformInstanceId);
        }
        if (extension.Configuration is { } configuration)
        {
            json["configuration"] = new JsonObject
            {
                ["dynamicPlatform"] = configuration.DynamicPlatform,
                ["cachedKeys"] = configuration.CachedKeys,
                ["smtEnabled"] = configuration.SmtEnabled,
            };
        }
        return json;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string Hex32(uint value) => $"0x{value:x8}";

    private static string Hex64(ulong value) => $"0x{value:x16}";
}
