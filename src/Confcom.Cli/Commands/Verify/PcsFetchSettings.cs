namespace Confcom.Cli.Commands.Verify;

/// <summary>How to reach the PCS/PCCS, read from the shared <see cref="PcsOptions"/>.</summary>
internal sealed record PcsFetchSettings(Uri Url, string? ApiKey, TimeSpan Timeout, Uri? RootCaCrlUrl, TextWriter? Progress);
