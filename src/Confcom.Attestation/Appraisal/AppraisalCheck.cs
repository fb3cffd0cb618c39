namespace Confcom.Attestation.Appraisal;

/// <summary>One policy check: its name (the policy's JSON key, e.g. <c>sgx.mrEnclave</c>), what was expected and found.</summary>
/// <param name="Name">The policy key the check comes from.</param>
/// <param name="Passed">Whether the quote meets it.</param>
/// <param name="Expected">What the policy asks for, as text.</param>
/// <param name="Actual">What the verification result shows, as text.</param>
public sealed record AppraisalCheck(string Name, bool Passed, string Expected, string Actual);
