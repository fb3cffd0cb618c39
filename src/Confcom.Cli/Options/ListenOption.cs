using System.CommandLine;

namespace Confcom.Cli.Options;

/// <summary>
/// <c>--listen [SCHEME://]ADDRESS:PORT</c> of the verbs that serve HTTP themselves (<c>webhook</c>, <c>pcs serve</c>),
/// in the same syntax as <c>--metrics-listen</c>; also read from <c>CONFCOM_LISTEN</c>.
/// </summary>
internal static class ListenOption
{
    public static Option<string> Create(string description, string defaultUrl, string defaultScheme)
    {
        var option = new Option<string>("--listen") { Description = description }
            .FromEnvironment(text => Validate(text, defaultScheme), () => defaultUrl);
        option.Validators.Add(result =>
        {
            if (!result.TryGetValue<string>(out var text))
            {
                return;
            }
            try
            {
                Validate(text, defaultScheme);
            }
            catch (FormatException ex)
            {
                result.AddError($"--listen {ex.Message}");
            }
        });
        return option;
    }

    /// <summary>The URL to hand to the host's listener.</summary>
    public static ListenAddress Read(ParseResult result, Option<string> option, string defaultScheme)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ListenAddress.Parse(result.GetValue(option)!, defaultScheme);
    }

    private static string Validate(string text, string defaultScheme)
    {
        ListenAddress.Parse(text, defaultScheme);
        return text;
    }
}
