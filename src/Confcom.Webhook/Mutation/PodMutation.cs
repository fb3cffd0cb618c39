namespace Confcom.Webhook.Mutation;

/// <summary>
/// What the mutator decided for one pod: the patch to apply and, per container, what it wired; or why it left the pod
/// alone (<see cref="SkipReason"/>), and whether that reason is worth telling the user (<see cref="Warning"/>).
/// </summary>
internal sealed record PodMutation(IReadOnlyList<JsonPatchOperation> Patch, IReadOnlyList<string> WiredContainers, string? SkipReason, string? Warning = null)
{
    public static PodMutation Skipped(string reason) => new([], [], reason);

    /// <summary>Left alone because something in the pod is malformed; the user sees the warning.</summary>
    public static PodMutation Refused(string warning) => new([], [], warning, warning);
}
