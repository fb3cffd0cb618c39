using System.CommandLine;
using Confcom.Attestation.Client;

namespace Confcom.Cli.Options;

/// <summary>
/// <c>--socket</c>: the quote helper's AESM socket, the same path by default for the server (<c>quote-helper</c>)
/// and its clients (<c>quote</c>): where Intel's libsgx_quote_ex looks for aesmd.
/// </summary>
internal static class SocketOption
{
    public static string Default => QuoteClientOptions.DefaultAesmSocketPath;

    public static Option<string> Create(string description) => new("--socket")
    {
        Description = description,
        DefaultValueFactory = _ => Default,
    };

    /// <summary>For the daemon: also read from <c>CONFCOM_SOCKET</c>.</summary>
    public static Option<string> CreateForDaemon(string description) => Create(description).FromEnvironment(() => Default);
}
