using System.Collections.Concurrent;
using Confcom.Attestation.Verification.Pki;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Collateral;

/// <summary>
/// Keeps collateral per FMSPC / CA type / TEE in memory and, optionally, in a directory (one bundle file each, written
/// atomically) until the earliest <c>nextUpdate</c> among TCB Info, QE Identity and the CRLs. An expired entry is
/// refetched; when that fails, the stale entry is served and flagged rather than failing every verification.
/// </summary>
public sealed partial class CachingCollateralSource : ICollateralSource
{
    private readonly ICollateralSource _inner;
    private readonly string? _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Creates a caching collateral source.</summary>
    public CachingCollateralSource(ICollateralSource inner, string? directory = null, TimeProvider? time = null,
        ILogger<CachingCollateralSource>? logger = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _directory = directory;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_directory is not null)
        {
            Directory.CreateDirectory(_directory);
        }
    }

    /// <inheritdoc/>
    public async Task<SourcedCollateral> GetCollateralAsync(CollateralRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = $"{request.Tee.ToString().ToLowerInvariant()}-{request.CaQuery}-{request.Fmspc}";
        var now = _time.GetUtcNow();
        if (_memory.TryGetValue(key, out var hit) && hit.NextUpdate > now)
        {
            return hit.Collateral;
        }

        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            now = _time.GetUtcNow();
            var cached = _memory.TryGetValue(key, out hit) ? hit : LoadFromDisk(key);
            if (cached is not null && cached.NextUpdate > now)
            {
                _memory[key] = cached;
                return cached.Collateral;
            }
            try
            {
                var fetched = await _inner.GetCollateralAsync(request, cancellationToken).ConfigureAwait(false);
                var entry = new Entry(fetched with { IsStale = false }, NextUpdate(fetched.Collateral, fetched.Origin));
                _memory[key] = entry;
                SaveToDisk(key, entry.Collateral.Collateral);
                return entry.Collateral;
            }
            catch (CollateralUnavailableException ex) when (cached is not null)
            {
                LogServingStale(_logger, request.ToString(), cached.NextUpdate, ex.Message);
                return cached.Collateral with { IsStale = true };
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The earliest nextUpdate of the bundle's dated parts: after it the entry is refetched.</summary>
    public static DateTimeOffset NextUpdate(QuoteCollateral collateral, string origin)
    {
        ArgumentNullException.ThrowIfNull(collateral);
        try
        {
            var dates = new List<DateTimeOffset>
            {
                TcbInfo.Parse(collateral.TcbInfo).NextUpdate,
                QeIdentity.Parse(collateral.QeIdentity).NextUpdate,
            };
            foreach (var (crl, name) in new[] { (collateral.PckCrl, "PCK CRL"), (collateral.RootCaCrl, "Root CA CRL") })
            {
                if (CertificateRevocationList.Parse(CrlEncoding.ToDer(crl, name), name).NextUpdate is { } next)
                {
                    dates.Add(next);
                }
            }
            return dates.Min();
        }
        catch (FormatException ex)
        {
            throw new CollateralUnavailableException($"collateral from {origin} is malformed: {ex.Message}", ex);
        }
    }

    private Entry? LoadFromDisk(string key)
    {
        if (_directory is null)
        {
            return null;
        }
        var path = Path.Combine(_directory, key + ".json");
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var collateral = QuoteCollateral.Load(path);
            return new Entry(new SourcedCollateral(collateral, path), NextUpdate(collateral, path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or CollateralUnavailableException)
        {
            // A bad cache file is only a cache miss; it is replaced by the next successful fetch.
            LogBadCacheFile(_logger, path, ex.Message);
            return null;
        }
    }

    private void SaveToDisk(string key, QuoteCollateral collateral)
    {
        if (_directory is null)
        {
            return;
        }
        var path = Path.Combine(_directory, key + ".json");
        try
        {
            collateral.Save(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCacheWriteFailed(_logger, path, ex.Message);
        }
    }

    private sealed record Entry(SourcedCollateral Collateral, DateTimeOffset NextUpdate);
}
