namespace Confcom.Attestation.Appraisal;

/// <summary>The policy's answer about one verification result: accepted only if every check passed.</summary>
public sealed record AppraisalResult
{
    /// <summary>Every check the policy made, in policy order, passed or not.</summary>
    public required IReadOnlyList<AppraisalCheck> Checks { get; init; }

    /// <summary>True when every check passed.</summary>
    public bool IsAccepted => Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    public IEnumerable<AppraisalCheck> FailedChecks => Checks.Where(c => !c.Passed);

    /// <summary>One line naming the failed checks with expected and actual values, or "accepted".</summary>
    public string Summary => IsAccepted
        ? "accepted by the appraisal policy"
        : "refused by the appraisal policy: " + string.Join("; ", FailedChecks.Select(c => $"{c.Name}: expected {c.Expected}, found {c.Actual}"));
}
