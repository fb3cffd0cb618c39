namespace Confcom.Cli.Tests.Inspect;

/// <summary>Locates the real sample quotes in tests/testdata/quotes (dcap-qvl, MIT; see its README).</summary>
internal static class InspectSampleQuotes
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "testdata", "quotes", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"test data '{name}' not found in any tests/testdata/quotes above {AppContext.BaseDirectory}");
    }
}
