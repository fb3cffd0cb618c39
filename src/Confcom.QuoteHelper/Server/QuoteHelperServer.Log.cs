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
        Message = "Dropped a client on {SocketPath}: no complete request within {Seconds} s")]
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
}
