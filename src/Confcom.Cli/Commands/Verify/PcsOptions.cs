using System.CommandLine;
using Confcom.Cli.Files;
using Confcom.Cli.Options;

namespace Confcom.Cli.Commands.Verify;

/// <summary>
/// The flags that reach Intel PCS or a PCCS, one definition shared by <c>verify --pcs</c> and <c>collateral fetch</c>.
/// The API key comes from <c>--api-key-file</c> or <c>CONFCOM_PCS_API_KEY</c>, never necessarily from the command
/// line, where every local user can read it in the process list; <c>--api-key</c> still works (hidden, with a warning).
/// </summary>
internal sealed class PcsOptions
{
    public const string ApiKeyVariable = "CONFCOM_PCS_API_KEY";

    private const int MaxApiKeyFileBytes = 4096;

    private PcsOptions(bool pcsRequired)
    {
        Pcs = new Option<string?>("--pcs")
        {
            Description = pcsRequired ? "Intel PCS v4 or PCCS base URL." : "Fetch collateral from Intel PCS v4 or a PCCS at this base URL.",
            Required = pcsRequired,
        };
        ApiKeyFile = new Option<string?>("--api-key-file")
        {
            Description = $"File holding the Intel PCS subscription key (- reads standard input); or set {ApiKeyVariable}.",
        };
        ApiKey = new Option<string?>("--api-key")
        {
            Description = $"The key itself: visible to every local user in the process list; use --api-key-file or {ApiKeyVariable}.",
            Hidden = true,
        };
        Timeout = new Option<string>("--timeout")
        {
            Description = "Give up on the PCS after this long, retries included (e.g. 10s, 2m).",
            DefaultValueFactory = _ => "30s",
        };
        RootCaCrlUrl = new Option<string?>("--root-ca-crl-url")
        {
            Description = "Where to get the Root CA CRL when the server has no rootcacrl endpoint (Intel PCS: its distribution point is used by default).",
        };
        Quiet = new Option<bool>("--quiet") { Description = "No progress lines on standard error (they only appear on a terminal anyway)." };
    }

    public Option<string?> Pcs { get; }

    public Option<string?> ApiKeyFile { get; }

    public Option<string?> ApiKey { get; }

    public Option<string> Timeout { get; }

    public Option<string?> RootCaCrlUrl { get; }

    public Option<bool> Quiet { get; }

    public static PcsOptions Create(bool pcsRequired) => new(pcsRequired);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Pcs, ApiKeyFile, ApiKey, Timeout, RootCaCrlUrl, Quiet })
        {
            command.Options.Add(option);
        }
        Timeout.Validators.Add(result =>
        {
            try
            {
                if (result.TryGetValue<string>(out var text))
                {
                    Duration.Parse(text);
                }
            }
            catch (FormatException ex)
            {
                result.AddError($"--timeout {ex.Message}");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(ApiKeyFile) is not null && result.GetValue(ApiKey) is not null)
            {
                result.AddError("give the API key once: --api-key-file or --api-key, not both");
            }
        });
    }

    /// <summary>The settings, or null when <c>--pcs</c> was not given.</summary>
    public PcsFetchSettings? Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Pcs) is not { } pcs)
        {
            return null;
        }
        var error = result.InvocationConfiguration.Error;
        var key = ReadApiKey(result, error);
        var rootCrl = result.GetValue(RootCaCrlUrl) is { } text ? ParseUrl("--root-ca-crl-url", text, "https://certificates.trustedservices.intel.com/IntelSGXRootCA.der") : null;
        // Progress is for a person watching: never mixed into a log file or a pipe.
        var showProgress = !result.GetValue(Quiet) && ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        return new PcsFetchSettings(
            ParseUrl("--pcs", pcs, "https://api.trustedservices.intel.com or https://pccs:8081"),
            key,
            Duration.Parse(result.GetValue(Timeout)!),
            rootCrl,
            showProgress ? error : null);
    }

    private string? ReadApiKey(ParseResult result, TextWriter error)
    {
        if (result.GetValue(ApiKeyFile) is { } path)
        {
            InputFile.Check("--api-key-file", path, "an API key");
            string text;
            try
            {
                text = BoundedInput.ReadAllText(path, MaxApiKeyFileBytes, "an API key");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw InputFile.ReadFailure("--api-key-file", path, ex);
            }
            return NonEmpty(text.Trim(), $"--api-key-file {path} is empty");
        }
        if (result.GetValue(ApiKey) is { } inline)
        {
            error.WriteLine($"confcom: warning: --api-key shows the key to every local user (ps); use --api-key-file FILE or {ApiKeyVariable}");
            return NonEmpty(inline.Trim(), "--api-key is empty");
        }
        return Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : null;
    }

    private static string NonEmpty(string key, string message) => key.Length > 0 ? key : throw new CliException(message);

    private static Uri ParseUrl(string option, string text, string example) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new CliException($"{option} {text}: expected an http(s) URL such as {example}");
}
