using Confcom.Aesm.Quoting;
using Confcom.QuoteHelper.Hosting;
using Confcom.QuoteHelper.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the AESM-compatible quote helper to a host (the host itself comes from Confcom.Hosting).</summary>
public static class QuoteHelperServiceCollectionExtensions
{
    /// <summary>
    /// Serves Intel's quote_ex protocol on the configured Unix socket from the <see cref="IQuotingEnclave"/> the
    /// caller registers (the hardware DCAP backend or the simulated QE3). Stopping the host stops accepting,
    /// finishes in-flight requests and removes the socket. Settings are validated when the host starts
    /// (<see cref="OptionsValidationException"/>); a socket another service answers on fails the start with
    /// <see cref="AesmSocketInUseException"/>.
    /// </summary>
    public static IServiceCollection AddQuoteHelper(this IServiceCollection services, Action<QuoteHelperOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<QuoteHelperOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuoteHelperOptions>, QuoteHelperOptionsValidator>());
        services.TryAddSingleton(sp => new QuoteHelperMetrics(sp.GetService<CollectorRegistry>() ?? Metrics.DefaultRegistry));
        services.TryAddSingleton(sp => new QuoteHelperServer(
            sp.GetRequiredService<IOptions<QuoteHelperOptions>>().Value,
            sp.GetRequiredService<IQuotingEnclave>(),
            sp.GetRequiredService<QuoteHelperMetrics>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<QuoteHelperHostedService>();
        services.AddHealthChecks().AddCheck<QuoteHelperHealthCheck>("aesm-socket");
        return services;
    }
}
