using Confcom.Attestation.Client;

namespace Confcom.Attestation.Tests.Client;

/// <summary>
/// The default options read the real process environment. Runs alone (no parallel collection) and restores the
/// variable, because the process environment is shared by every test in the assembly.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class ProcessEnvironmentModeTests
{
    [Fact]
    public void The_real_process_environment_drives_the_default_options()
    {
        var saved = Environment.GetEnvironmentVariable(QuoteClientOptions.AesmAddressVariable);
        try
        {
            Environment.SetEnvironmentVariable(QuoteClientOptions.AesmAddressVariable, "1");
            Assert.Equal(QuotingMode.OutOfProcess, new QuoteClientOptions().ResolveMode());

            Environment.SetEnvironmentVariable(QuoteClientOptions.AesmAddressVariable, null);
            Assert.Equal(QuotingMode.InProcess, new QuoteClientOptions().ResolveMode());
        }
        finally
        {
            Environment.SetEnvironmentVariable(QuoteClientOptions.AesmAddressVariable, saved);
        }
    }
}

[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;
