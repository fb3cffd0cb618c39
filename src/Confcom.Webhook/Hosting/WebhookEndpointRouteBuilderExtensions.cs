using System.Text.Json;
using Confcom;
using Confcom.Webhook;
using Confcom.Webhook.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The webhook's route: <c>POST /mutate</c>, where the API server sends AdmissionReviews. Every AdmissionReview gets an
/// AdmissionReview back (allowed; see <see cref="AdmissionReviewHandler"/>), whatever the pod holds. A body that is no
/// AdmissionReview at all gets 400 with the reason, one over <see cref="WebhookOptions.MaxRequestBodyBytes"/> gets 413,
/// both as one line of text; nothing answers 500.
/// </summary>
public static partial class WebhookEndpointRouteBuilderExtensions
{
    public const string MutatePath = "/mutate";

    private const int ReadChunkBytes = 64 * 1024;
    private static readonly LogThrottle BadRequests = new(TimeSpan.FromSeconds(60));

    public static IEndpointConventionBuilder MapAdmissionWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // A plain RequestDelegate: no reflection over a handler's parameters, so NativeAOT and trimming are safe.
        return endpoints.MapPost(MutatePath, context => AnswerAsync(context));
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var result = await HandleAsync(context, context.RequestServices.GetRequiredService<AdmissionReviewHandler>(),
            context.RequestServices.GetRequiredService<ILoggerFactory>()).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, AdmissionReviewHandler handler, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(AdmissionReviewHandler).FullName!);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge,
                $"the body is larger than {WebhookOptions.MaxRequestBodyBytes:N0} bytes, more than the API server sends in an AdmissionReview");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, $"the body is not an AdmissionReview: {ex.Message}");
        }
        using (document)
        {
            if (AdmissionReviewReader.Read(document.RootElement, out var error) is not { } request)
            {
                return Refuse(logger, StatusCodes.Status400BadRequest, error!);
            }
            AdmissionReview answer;
            try
            {
                answer = handler.Handle(request);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug here must not fail pod creation or hide behind a 500: allowed, unwired, said so.
                LogHandlerFailed(logger, ex, request.Uid);
                answer = new AdmissionReview
                {
                    Response = new AdmissionResponse
                    {
                        Uid = request.Uid,
                        Allowed = true,
                        Warnings = [AdmissionReviewHandler.WarningPrefix + "internal error in the webhook (see its log)"],
                    },
                };
            }
            return Results.Json(answer, AdmissionJsonContext.Default.AdmissionReview);
        }
    }

    /// <summary>The whole body, or null once it passes the cap (refused while reading: nothing beyond it is buffered).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var limit = WebhookOptions.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return null;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Kestrel's own check as well (its default is 30 MB); ours below also covers chunked bodies.
            size.MaxRequestBodySize = limit + 1L;
        }
        var buffer = new byte[(int)Math.Min(context.Request.ContentLength ?? ReadChunkBytes, limit) + 1];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        return null;
                    }
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1L));
                }
                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                filled += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return filled > limit ? null : buffer[..filled];
    }

    private static IResult Refuse(ILogger logger, int status, string reason)
    {
        if (BadRequests.TryEnter(out var suppressed))
        {
            LogRefused(logger, status, reason, suppressed);
        }
        return Results.Text(reason + "\n", "text/plain; charset=utf-8", statusCode: status);
    }
}
