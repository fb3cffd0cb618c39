using System.Text.Json;
using Confcom.Webhook.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The webhook's route: <c>POST /mutate</c>, where the API server sends AdmissionReviews.</summary>
public static class WebhookEndpointRouteBuilderExtensions
{
    public const string MutatePath = "/mutate";

    public static IEndpointConventionBuilder MapAdmissionWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(MutatePath, async (HttpContext context, AdmissionReviewHandler handler) =>
        {
            AdmissionReview? review;
            try
            {
                review = await JsonSerializer.DeserializeAsync<AdmissionReview>(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.BadRequest($"body is not an AdmissionReview: {ex.Message}");
            }
            if (review?.Request is null)
            {
                return Results.BadRequest("AdmissionReview has no request");
            }
            return Results.Json(handler.Handle(review));
        });
    }
}
