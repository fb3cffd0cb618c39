using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Confcom.Cli.Json;

/// <summary>
/// The one JSON style of every <c>--json</c> output (docs/cli.md): camelCase keys, lower-case hex strings, JSON
/// booleans and numbers, enumerations by name, indented. Escaping is the relaxed encoder on purpose: the output goes
/// to terminals, files and pipes, never into HTML, so an apostrophe in a message stays <c>'</c> instead of
/// <c>\u0027</c>; control characters and quotes are still escaped, so the output is always valid JSON.
/// </summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static void Write<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Serialize(value));
    }

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        Options.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(CliJsonContext)}");
}
