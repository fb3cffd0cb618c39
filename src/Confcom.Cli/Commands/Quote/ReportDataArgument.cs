namespace Confcom.Cli.Commands.Quoting;

/// <summary>Parses <c>--report-data</c>: hex for up to the 64 bytes of <c>report_data</c> (shorter is zero-padded).</summary>
internal static class ReportDataArgument
{
    public const int MaxBytes = 64;

    public static byte[] Parse(string hex)
    {
        var text = hex.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new CliException($"--report-data must be hex (an even number of 0-9a-f digits), got '{hex}'");
        }
        if (bytes.Length > MaxBytes)
        {
            throw new CliException($"--report-data is at most {MaxBytes} bytes ({MaxBytes * 2} hex digits), got {bytes.Length} bytes");
        }
        var padded = new byte[MaxBytes];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
