namespace Confcom.Chart.Tests.Support;

/// <summary>The checkout the tests run from: the first folder above the test binaries that holds Confcom.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Confcom.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Confcom.slnx above {AppContext.BaseDirectory}: run the tests from a checkout of the repository");
    }
}
