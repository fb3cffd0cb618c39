using Confcom.Attestation.Collateral;
using Confcom.Attestation.Verification;
using Confcom.Attestation.Verification.Tcb;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Verification;

public class TcbEvaluationTests
{
    // QVL convergeTcbStatusWithQeTcbStatus (Verifiers/Checks/TcbLevelCheck.cpp), row by row.
    [Theory]
    [InlineData(TcbStatus.UpToDate, TcbStatus.OutOfDate, TcbStatus.OutOfDate)]
    [InlineData(TcbStatus.SWHardeningNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDate)]
    [InlineData(TcbStatus.ConfigurationNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDateConfigurationNeeded)]
    [InlineData(TcbStatus.ConfigurationAndSWHardeningNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDateConfigurationNeeded)]
    [InlineData(TcbStatus.OutOfDate, TcbStatus.OutOfDate, TcbStatus.OutOfDate)]
    [InlineData(TcbStatus.OutOfDateConfigurationNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDateConfigurationNeeded)]
    [InlineData(TcbStatus.UpToDate, TcbStatus.Revoked, TcbStatus.Revoked)]
    [InlineData(TcbStatus.ConfigurationNeeded, TcbStatus.UpToDate, TcbStatus.ConfigurationNeeded)]
    [InlineData(TcbStatus.Revoked, TcbStatus.UpToDate, TcbStatus.Revoked)]
    [InlineData(TcbStatus.SWHardeningNeeded, TcbStatus.UpToDate, TcbStatus.SWHardeningNeeded)]
    public void QeConvergenceFollowsQvl(TcbStatus platform, TcbStatus qe, TcbStatus expected) =>
        Assert.Equal(expected, TcbStatusConvergence.WithQe(platform, qe));

    private static TcbLevel Level(byte first, ushort pceSvn, TcbStatus status) => new()
    {
        SgxComponents = [first, .. new byte[15]],
        PceSvn = pceSvn,
        TcbDate = DateTimeOffset.UnixEpoch,
        Status = status,
    };

    [Fact]
    public void SelectionWalksLevelsInDescendingOrderWhateverTheJsonOrder()
    {
        // Served lowest first: a naive first-match would pick the OutOfDate level.
        var levels = TcbLevelMatcher.Descending([Level(1, 1, TcbStatus.OutOfDate), Level(5, 1, TcbStatus.UpToDate), Level(3, 1, TcbStatus.SWHardeningNeeded)]);
        var platform = new PlatformTcb(new byte[6], new byte[2], [4, .. new byte[15]], 1);

        Assert.Equal(TcbStatus.SWHardeningNeeded, TcbLevelMatcher.Select(levels, platform, default)!.Status);
    }

    [Fact]
    public void PceSvnBelowEveryLevelIsNotSupported()
    {
        var levels = TcbLevelMatcher.Descending([Level(1, 5, TcbStatus.UpToDate)]);
        var platform = new PlatformTcb(new byte[6], new byte[2], [9, .. new byte[15]], 4);
        Assert.Null(TcbLevelMatcher.Select(levels, platform, default));
    }

    [Fact]
    public void DuplicateLevelsAreRejected() =>
        Assert.Throws<Confcom.Sgx.Collateral.CollateralFormatException>(() => TcbLevelMatcher.Descending([Level(1, 1, TcbStatus.UpToDate), Level(1, 1, TcbStatus.OutOfDate)]));
}
