namespace Confcom.Benchmarks.Footprint;

/// <summary>One daemon start: how long until it was ready, and its memory once idle.</summary>
internal sealed record DaemonSample(TimeSpan Ready, ProcessMemory Memory);
