namespace Confcom.Cli.Commands.Demo;

/// <summary>The demo's visible progress: one <c>[n/6]</c> line per step, details indented under it.</summary>
internal sealed class DemoProgress(TextWriter output)
{
    public const int StepCount = 6;

    public void Step(int number, string title) => output.WriteLine($"[{number}/{StepCount}] {title}");

    public void Detail(string text) => output.WriteLine($"      {text}");

    public void Done(string text) => output.WriteLine($"demo: {text}");
}
