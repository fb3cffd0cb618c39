namespace Confcom.Attestation.Tests;

/// <summary>Locates the real-hardware test data in tests/testdata/quotes (copied from dcap-qvl, MIT; see its README).</summary>
internal static class TestData
{
    public static string QuotePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "testdata", "quotes", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"test data '{name}' not found in any tests/testdata/quotes above {AppContext.BaseDirectory}");
    }
}
