using System.CommandLine;
using System.CommandLine.Parsing;

namespace Confcom.Cli.Options;

/// <summary>
/// Environment-variable equivalents of daemon flags, for manifests that set <c>env:</c> rather than <c>args:</c>.
/// Precedence is flag, then variable, then built-in default; the variable is named after the flag
/// (<c>--kubelet-dir</c> → <c>CONFCOM_KUBELET_DIR</c>) and shown in the flag's help. A variable that does not
/// parse is a usage error naming the variable, exactly as a bad flag value names the flag.
/// </summary>
internal static class EnvironmentDefault
{
    public const string Prefix = "CONFCOM_";

    /// <summary><c>--metrics-listen</c> → <c>CONFCOM_METRICS_LISTEN</c>.</summary>
    public static string VariableFor(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Prefix + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
    }

    /// <summary>Makes the option's default come from its variable when set (text options: the value as given).</summary>
    public static Option<string> FromEnvironment(this Option<string> option, Func<string> fallback) =>
        option.FromEnvironment(text => text, fallback);

    /// <summary>
    /// Makes the option's default come from its variable when set, parsed by <paramref name="parse"/> (which throws
    /// <see cref="FormatException"/> with the reason), else <paramref name="fallback"/> (which may throw it too).
    /// </summary>
    public static Option<T> FromEnvironment<T>(this Option<T> option, Func<string, T> parse, Func<T> fallback)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(fallback);
        var variable = VariableFor(option);
        option.Description = $"{option.Description} [env: {variable}]";
        option.DefaultValueFactory = result => Read(result, variable, parse, fallback);
        return option;
    }

    private static T Read<T>(ArgumentResult result, string variable, Func<string, T> parse, Func<T> fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                return parse(text);
            }
            catch (FormatException ex)
            {
                result.AddError($"{variable}={text}: {ex.Message}");
            }
        }
        try
        {
            return fallback();
        }
        catch (FormatException ex)
        {
            // A default computed from the environment (PODS_PER_CORE) names its own variable.
            result.AddError(ex.Message);
            return default!;
        }
    }
}
