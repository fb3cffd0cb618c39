namespace Confcom.Webhook.Mutation;

/// <summary>What the mutator decided for one pod: the patch to apply and, per container, what it wired.</summary>
internal sealed record PodMutation(IReadOnlyList<JsonPatchOperation> Patch, IReadOnlyList<string> WiredContainers, string? SkipReason)
{
    public static PodMutation Skipped(string reason) => new([], [], reason);
}
