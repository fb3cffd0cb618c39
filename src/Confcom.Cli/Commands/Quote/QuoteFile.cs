namespace Confcom.Cli.Commands.Quoting;

/// <summary>Writes a quote so that a reader never sees half a file: temp file in the same folder, then rename.</summary>
internal static class QuoteFile
{
    public static async Task WriteAsync(string path, byte[] quote, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, quote, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
