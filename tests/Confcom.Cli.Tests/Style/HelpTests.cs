using Confcom.Cli.Tests.Support;

namespace Confcom.Cli.Tests.Style;

/// <summary>
/// <c>--help</c> of every verb and sub-verb, run in the real executable: it exits 0, shows the usage line, every
/// visible option and argument, and none of the hidden aliases kept for old spellings.
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in CommandTree.All())
        {
            data.Add(string.Join(' ', path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task HelpExitsZeroAndNamesEveryOption(string verb)
    {
        var path = verb.Length == 0 ? [] : verb.Split(' ');
        var command = path.Length == 0 ? ConfcomCommandLine.Create() : CommandTree.Find(path);

        var result = await ConfcomProcess.RunAsync([.. path, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(command.Description!, result.StandardOutput, StringComparison.Ordinal);
        foreach (var option in command.Options)
        {
            if (option.Hidden)
            {
                Assert.DoesNotContain(option.Name + " ", result.StandardOutput, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(option.Name, result.StandardOutput, StringComparison.Ordinal);
            }
        }
        foreach (var argument in command.Arguments)
        {
            Assert.Contains($"<{argument.Name}>", result.StandardOutput, StringComparison.Ordinal);
        }
        foreach (var sub in command.Subcommands)
        {
            Assert.Contains(sub.Name, result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheTreeHasEveryVerbOfTheReadme()
    {
        var verbs = CommandTree.All().Select(c => string.Join(' ', c.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "device-plugin", "node-info", "quote-helper", "quote", "verify", "inspect", "collateral fetch",
            "pcs serve", "sim init", "sim report", "sim root", "sim collateral", "webhook", "kubelet-standin", "demo" })
        {
            Assert.Contains(expected, verbs);
        }
    }
}
