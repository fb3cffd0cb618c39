using Confcom.Aesm.Protocol;
using Confcom.Aesm.Quoting;
using Prometheus;

namespace Confcom.QuoteHelper.Server;

/// <summary>Prometheus metrics of the quote helper, registered in the given registry (the default one in the daemon).</summary>
public sealed class QuoteHelperMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _quoteLatency;
    private readonly Gauge _activeConnections;
    private readonly Counter _rejectedFrames;
    private readonly Gauge _idleConnections;
    private readonly Gauge _socketBound;
    private readonly Counter _socketRebinds;

    public QuoteHelperMetrics(CollectorRegistry? registry = null)
    {
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        _requests = factory.CreateCounter("confcom_aesm_requests_total",
            "AESM requests answered, by request type and aesm_error_t result.", "type", "result");
        _quoteLatency = factory.CreateHistogram("confcom_aesm_quote_duration_seconds",
            "Time to answer a successful GetQuoteEx, including waiting for a signing slot.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        _activeConnections = factory.CreateGauge("confcom_aesm_active_connections", "Client connections being served.");
        _rejectedFrames = factory.CreateCounter("confcom_aesm_rejected_frames_total",
            "Connections closed without a reply, by reason (truncated, empty, too_large, timeout, not_protobuf, unrecognised, reply_timeout, evicted).", "reason");
        _idleConnections = factory.CreateGauge("confcom_aesm_idle_connections",
            "Client connections that have not sent their whole request yet (the ones dropped first at the connection limit).");
        _socketBound = factory.CreateGauge("confcom_aesm_socket_bound",
            "1 while the socket path leads to this quote helper, 0 while it is deleted or replaced (the helper rebinds it).");
        _socketRebinds = factory.CreateCounter("confcom_aesm_socket_rebinds_total",
            "Times the socket was bound again after it had been deleted or replaced by a stale socket.");
    }

    internal void RecordRequest(AesmRequestKind kind, AesmError result) =>
        _requests.WithLabels(kind.ToString(), result.ToString()).Inc();

    internal void RecordQuoteLatency(TimeSpan elapsed) => _quoteLatency.Observe(elapsed.TotalSeconds);

    internal void ConnectionOpened() => _activeConnections.Inc();

    internal void ConnectionClosed() => _activeConnections.Dec();

    internal void RecordRejected(string reason) => _rejectedFrames.WithLabels(reason).Inc();

    internal void ConnectionIdle() => _idleConnections.Inc();

    internal void ConnectionNotIdle() => _idleConnections.Dec();

    internal void SocketBound(bool bound) => _socketBound.Set(bound ? 1 : 0);

    internal void SocketRebound() => _socketRebinds.Inc();
}
