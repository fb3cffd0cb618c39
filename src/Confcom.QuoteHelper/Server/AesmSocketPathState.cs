namespace Confcom.QuoteHelper.Server;

/// <summary>What the socket path holds compared with the listener the quote helper bound there.</summary>
internal enum AesmSocketPathState
{
    /// <summary>Our listener: connects reach this process.</summary>
    Ours,

    /// <summary>Nothing: the socket was deleted (or its directory removed).</summary>
    Missing,

    /// <summary>A socket on which nothing answers (another process bound and died): safe to replace.</summary>
    Stale,

    /// <summary>A socket another process answers on: never stolen.</summary>
    Foreign,

    /// <summary>A regular file, directory, link or anything but a socket: never touched.</summary>
    NotASocket,
}
