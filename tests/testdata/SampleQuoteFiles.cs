namespace Confcom.TestData;

/// <summary>
/// Locates the real-hardware sample quotes and collateral in <c>tests/testdata/quotes</c> (from dcap-qvl, MIT; see
/// its README) by walking up from the binaries or the working directory. Compiled into each test project and the
/// benchmarks as a linked file, so there is one locator.
/// </summary>
internal static class SampleQuoteFiles
{
    public static string Path(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "tests", "testdata", "quotes", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException(
            $"sample '{name}' not found in any tests/testdata/quotes above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}");
    }
}
