namespace Confcom.Cli;

/// <summary>
/// The one-line text of a failure no verb anticipated: the exception's own message, never its type name (an
/// operator cannot act on "IOException"), with the path when the runtime knows it and the message does not say it.
/// </summary>
internal static class FailureText
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var message = OneLine(inner.Message);
        return inner switch
        {
            FileNotFoundException { FileName: { Length: > 0 } file } when !message.Contains(file, StringComparison.Ordinal) => $"{file}: {message}",
            UnauthorizedAccessException => $"{message} (permission denied: run as a user that may use this path, or choose another)",
            _ => message,
        };
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
