using System.CommandLine;

namespace Confcom.Cli.Tests.Style;

/// <summary>Every verb and sub-verb of the real command tree, as the words a user types after <c>confcom</c>.</summary>
internal static class CommandTree
{
    public static IReadOnlyList<(string[] Path, Command Command)> All()
    {
        var found = new List<(string[], Command)>();
        Walk(ConfcomCommandLine.Create(), [], found);
        return found;
    }

    public static Command Find(params string[] path) =>
        All().Single(c => c.Path.SequenceEqual(path)).Command;

    private static void Walk(Command command, string[] path, List<(string[], Command)> found)
    {
        found.Add((path, command));
        foreach (var sub in command.Subcommands)
        {
            Walk(sub, [.. path, sub.Name], found);
        }
    }
}
