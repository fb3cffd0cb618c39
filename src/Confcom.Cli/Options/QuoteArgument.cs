using System.CommandLine;

namespace Confcom.Cli.Options;

/// <summary>
/// The quote a verb reads, the same way in every verb: the positional <c>QUOTE</c> (a file, or <c>-</c> for
/// standard input). <c>collateral fetch</c> took it as <c>--quote FILE</c> until 0.1; that spelling stays as a hidden
/// alias for one release where the docs and the sample Job used it.
/// </summary>
internal sealed class QuoteArgument
{
    private const string Description = "Quote file: binary, hex text or base64 (AESM zero padding is allowed); - reads standard input.";

    private QuoteArgument(Argument<string?> argument, Option<string?>? legacyOption)
    {
        Argument = argument;
        LegacyOption = legacyOption;
    }

    public Argument<string?> Argument { get; }

    /// <summary>The hidden <c>--quote FILE</c> of earlier releases, where one existed.</summary>
    public Option<string?>? LegacyOption { get; }

    public static QuoteArgument Create(bool withLegacyOption = false) => new(
        new Argument<string?>("QUOTE") { Description = Description, Arity = withLegacyOption ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne },
        withLegacyOption ? new Option<string?>("--quote") { Description = "Deprecated spelling of QUOTE (kept for one release).", Hidden = true } : null);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Argument);
        if (LegacyOption is not { } legacy)
        {
            return;
        }
        command.Options.Add(legacy);
        command.Validators.Add(result =>
        {
            var positional = result.GetValue(Argument);
            var option = result.GetValue(legacy);
            if (positional is null && option is null)
            {
                result.AddError("missing the QUOTE argument: a quote file, or - for standard input");
            }
            else if (positional is not null && option is not null)
            {
                result.AddError("give the quote once: as QUOTE, not also with --quote");
            }
        });
    }

    /// <summary>The quote path the user gave (validated to be present).</summary>
    public string GetPath(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetValue(Argument) ?? (LegacyOption is null ? null : result.GetValue(LegacyOption))
            ?? throw new CliException("missing the QUOTE argument: a quote file, or - for standard input");
    }
}
