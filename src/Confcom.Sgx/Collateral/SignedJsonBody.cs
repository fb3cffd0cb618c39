using System.Text;
using System.Text.Json;

namespace Confcom.Sgx.Collateral;

/// <summary>
/// A PCS response such as <c>{"tcbInfo":{...},"signature":"..."}</c>, both directions: <see cref="Split"/> takes it
/// apart into the exact text of the inner object (the signed bytes; re-serialising would change them) and the
/// signature, <see cref="Join"/> puts them together as PCS serves them.
/// </summary>
public static class SignedJsonBody
{
    /// <summary>The PCS response body: <c>{"&lt;property&gt;":&lt;exact text&gt;,"signature":"&lt;hex&gt;"}</c>.</summary>
    public static string Join(string property, string signedText, ReadOnlySpan<byte> signature) =>
        new StringBuilder().Append("{\"").Append(property).Append("\":").Append(signedText)
            .Append(",\"signature\":\"").Append(Convert.ToHexStringLower(signature)).Append("\"}").ToString();

    /// <summary>Splits a signed PCS body into the exact signed text and its signature.</summary>
    public static (string SignedText, byte[] Signature) Split(ReadOnlySpan<byte> utf8Body, string property, string source)
    {
        string? signed = null;
        byte[]? signature = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException($"{source}: expected a JSON object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == property && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    var end = (int)reader.BytesConsumed;
                    signed = Encoding.UTF8.GetString(utf8Body[start..end]);
                }
                else if (name == "signature" && reader.TokenType == JsonTokenType.String)
                {
                    signature = Convert.FromHexString(reader.GetString()!);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON ({ex.Message})", ex);
        }
        if (signed is null)
        {
            throw new FormatException($"{source}: no '{property}' object in the response");
        }
        if (signature is not { Length: 64 })
        {
            throw new FormatException($"{source}: no 64-byte hex 'signature' in the response");
        }
        return (signed, signature);
    }
}
