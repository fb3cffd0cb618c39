namespace Confcom.Chart.Tests.Support;

/// <summary>Each CI value set rendered once per test run (helm template is the slow part), shared by the tests.</summary>
internal static class Renderings
{
    private static readonly Dictionary<string, Lazy<RenderedChart>> Cache =
        RenderedChart.ValueSets.Keys.ToDictionary(k => k, k => new Lazy<RenderedChart>(() => RenderedChart.Render(k)));

    public static TheoryData<string> ValueSetNames => [.. RenderedChart.ValueSets.Keys];

    public static RenderedChart Get(string valueSet) => Cache[valueSet].Value;
}
