using System.CommandLine;

namespace Confcom.Cli.Options;

/// <summary>
/// <c>--listen [SCHEME://]ADDRESS:PORT</c> of the verbs that serve HTTP themselves (<c>webhook</c>, <c>pcs serve</c>),
/// in the same syntax as <c>--metrics-listen</c>; also read from <c>CONFCOM_LISTEN</c>.
/// </summary>
internal static class ListenOption
{
    /// <param name="httpsAllowed">False for a verb without TLS settings: an https URL would silently serve plain http.</param>
    public static Option<string> Create(string description, string defaultUrl, string defaultScheme, bool httpsAllowed = true)
    {
        string Validate(string text) => ListenOption.Validate(text, defaultScheme, httpsAllowed);
        var option = new Option<string>("--listen") { Description = description }
            .FromEnvironment(Validate, () => defaultUrl);
        option.Validators.Add(result =>
        {
            if (!result.TryGetValue<string>(out var text))
            {
                return;
            }
            try
            {
                Validate(text);
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

    private static string Validate(string text, string defaultScheme, bool httpsAllowed)
    {
        var address = ListenAddress.Parse(text, defaultScheme);
        if (!httpsAllowed && address.Scheme == "https")
        {
            throw new FormatException($"'{text}': this verb serves http only (it has no TLS certificate to serve https with)");
        }
        return text;
    }
}
