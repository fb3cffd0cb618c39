using System.CommandLine;
using System.CommandLine.Parsing;

namespace Confcom.Cli.Options;

/// <summary>
/// Reading other options inside a command validator: System.CommandLine throws there for a value that did not
/// convert (say <c>--metrics-port abc</c>), although the parser reports that very error itself. Such a value is
/// simply skipped here, so the user sees the conversion error and not a crash.
/// </summary>
internal static class ValidatorValues
{
    public static bool TryGet<T>(this CommandResult result, Option<T> option, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            value = result.GetValue(option)!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    public static bool TryGet<T>(this CommandResult result, Argument<T> argument, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            value = result.GetValue(argument)!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    /// <summary>The option's own value in its validator, unless it did not convert (then the parser reports that).</summary>
    public static bool TryGetValue<T>(this OptionResult result, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
