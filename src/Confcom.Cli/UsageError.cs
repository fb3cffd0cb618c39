using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Confcom.Cli;

/// <summary>
/// How a command line that does not parse is reported: each error on its own line, prefixed with the verb, then one
/// line pointing at that verb's <c>--help</c> (the whole help text would bury the error).
/// </summary>
internal static partial class UsageError
{
    public static void Write(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        var verb = CommandPath(parse.CommandResult);
        foreach (var message in parse.Errors.Select(e => Reword(e.Message)).Distinct(StringComparer.Ordinal))
        {
            error.WriteLine($"{verb}: {message}");
        }
        error.WriteLine($"Run '{verb} --help' for usage.");
    }

    /// <summary>"confcom collateral fetch": the verb as the user typed it.</summary>
    public static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
        {
            if (c.Command is not RootCommand)
            {
                names.Add(c.Command.Name);
            }
        }
        names.Add("confcom");
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>System.CommandLine names .NET types in conversion errors ("as expected type 'System.Int32'"); say what is expected instead.</summary>
    internal static string Reword(string message) => ExpectedType().Replace(FailureText.OneLine(message), match => Unwrap(match.Groups[1].Value) switch
    {
        "System.Int32" or "System.Int64" or "System.UInt32" or "System.UInt16" or "System.Int16" or "System.Byte" => ": expected a whole number.",
        "System.Boolean" => ": expected true or false.",
        "System.Double" or "System.Single" or "System.Decimal" => ": expected a number.",
        "System.TimeSpan" => ": expected a duration.",
        _ => ": not a valid value.",
    });

    private static string Unwrap(string type) =>
        type.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? type["System.Nullable`1[".Length..].TrimEnd(']') : type;

    [GeneratedRegex(@" as expected type '([^']+)'\.?")]
    private static partial Regex ExpectedType();
}
