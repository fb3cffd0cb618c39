using System.Net.Sockets;
using Confcom.Aesm.Protocol;
using Microsoft.Extensions.Logging;

namespace Confcom.QuoteHelper.Server;

public sealed partial class QuoteHelperServer
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Quote helper listening on {SocketPath} (mode 0777) with backend {Backend}; requests over {MaxRequestBytes} bytes are refused")]
    private partial void LogListening(string socketPath, string backend, int maxRequestBytes);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Quote helper stopped; socket {SocketPath} removed")]
    private partial void LogStopped(string socketPath);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Stop deadline reached with {Count} request(s) still running on {SocketPath}; they are abandoned")]
    private partial void LogStopAbandoned(int count, string socketPath);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "accept() failed on {SocketPath}; retrying in 100 ms. If this repeats, check the open-file limit (ulimit -n) and the socket's directory")]
    private partial void LogAcceptFailed(Exception exception, string socketPath);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Dropped a client on {SocketPath}: bad frame ({Error}): {Detail}. Only Intel's libsgx_quote_ex framing (4-byte LE length + protobuf) is understood")]
    private partial void LogBadFrame(AesmFrameError error, string socketPath, string detail);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Dropped a client on {SocketPath}: no complete request within {Seconds} s (Intel's client sends its request at once; an idle or dripping client is misbehaving)")]
    private partial void LogClientTimedOut(double seconds, string socketPath);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Dropped a client on {SocketPath}: its {Length}-byte request is not protobuf ({Detail})")]
    private partial void LogNotProtobuf(int length, string socketPath, string detail);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning,
        Message = "Closed a client on {SocketPath} without a reply, as aesmd does: its {Length}-byte request has no recognised AESM message (a newer or non-Intel client?)")]
    private partial void LogUnrecognised(int length, string socketPath);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information,
        Message = "Client on {SocketPath} went away before its reply was sent ({SocketError})")]
    private partial void LogClientGone(SocketError socketError, string socketPath);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error,
        Message = "Unexpected failure serving a client on {SocketPath}; the connection was closed and the service keeps running")]
    private partial void LogConnectionCrashed(Exception exception, string socketPath);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning,
        Message = "Dropped a client on {SocketPath}: it did not read its {Length}-byte reply within {Seconds} s")]
    private partial void LogReplyTimedOut(int length, double seconds, string socketPath);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information,
        Message = "Replaced the stale socket file {SocketPath} (nothing answered on it; left by a process that did not stop cleanly)")]
    private partial void LogReplacedStaleSocket(string socketPath);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning,
        Message = "Could not remove socket {SocketPath} on stop ({Detail}); the next start replaces it if nothing answers there")]
    private partial void LogSocketNotRemoved(string socketPath, string detail);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning,
        Message = "Dropped the oldest idle client on {SocketPath} to make room: {Limit} connections were open, the oldest without a complete request. Idle or dripping clients are crowding the socket; real clients are still served")]
    private partial void LogEvicted(string socketPath, int limit);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information,
        Message = "Held back {Count} more warnings about misbehaving clients on {SocketPath} in the last {Seconds} s (at most one a minute is logged; confcom_aesm_rejected_frames_total counts them all)")]
    private partial void LogHeldBack(long count, string socketPath, double seconds);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Error,
        Message = "Socket {SocketPath} no longer leads to this quote helper: {Problem}. Clients cannot quote there meanwhile; /healthz is unhealthy")]
    private partial void LogSocketLost(string socketPath, string problem);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Warning,
        Message = "Socket {SocketPath} had been {What}; bound it again and quoting works there again (clients that connected in between failed)")]
    private partial void LogSocketRebound(string socketPath, string what);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Information,
        Message = "Socket {SocketPath} leads to this quote helper again")]
    private partial void LogSocketRecovered(string socketPath);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning,
        Message = "On stop, left {SocketPath} in place: it holds {Found} that is not this quote helper's socket")]
    private partial void LogSocketLeftInPlace(string socketPath, string found);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning,
        Message = "Cannot watch {Directory} for changes ({Detail}); the socket is checked every {Seconds} s instead. Raise fs.inotify.max_user_instances if it is the inotify limit")]
    private partial void LogWatchUnavailable(string directory, string detail, double seconds);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Error,
        Message = "Unexpected failure checking socket {SocketPath}; checking again in {Seconds} s")]
    private partial void LogSocketCheckFailed(Exception exception, string socketPath, double seconds);
}
