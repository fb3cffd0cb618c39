namespace Confcom.Sgx.Tests.Quotes;

/// <summary>
/// Locates the real-hardware sample quotes in tests/testdata/quotes (from dcap-qvl, MIT; see its README) by walking
/// up from the test binaries.
/// </summary>
internal static class SampleQuotes
{
    public static byte[] Sgx => File.ReadAllBytes(Path("sgx_quote"));

    public static byte[] Tdx => File.ReadAllBytes(Path("tdx_quote"));

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
