using Confcom.Webhook;
using Confcom.Webhook.Admission;
using Confcom.Webhook.Mutation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the admission webhook's services to a host; <c>MapAdmissionWebhook</c> adds its route.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddAdmissionWebhook(this IServiceCollection services, Action<WebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WebhookOptions>().Configure(configure).ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value);
        services.TryAddSingleton<QuoteHelperWiring>();
        services.TryAddSingleton<AdmissionReviewHandler>();
        return services;
    }
}
