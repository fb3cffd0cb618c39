
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Verification.Tcb;

/// <summary>
/// QVL's TCB level selection (<c>Verifiers/Checks/TcbLevelCheck.cpp</c>): levels ordered descending by the SGX
/// component vector, then PCESVN, then the TDX vector; the first level the platform reaches in every component wins.
/// </summary>
internal static class TcbLevelMatcher
{
    /// <summary>The levels in QVL's descending order (computed once per TCB Info and cached with it).</summary>
    public static IReadOnlyList<TcbLevel> Descending(IReadOnlyList<TcbLevel> levels)
    {
        var sorted = levels.ToList();
        sorted.Sort(static (a, b) => CompareDescending(a, b));
        for (var i = 1; i < sorted.Count; i++)
        {
            if (CompareDescending(sorted[i - 1], sorted[i]) == 0)
            {
                throw new CollateralFormatException("TCB Info", "tcbLevels", "holds two equal levels (QVL rejects TCB Info with duplicate levels)");
            }
        }
        return sorted;
    }

    /// <summary>The selected level, or null when the platform is below every level (TCB_NOT_SUPPORTED).</summary>
    public static TcbLevel? Select(IReadOnlyList<TcbLevel> descending, PlatformTcb platform, ReadOnlySpan<byte> teeTcbSvn)
    {
        foreach (var level in descending)
        {
            if (Reaches(level, platform, teeTcbSvn))
            {
                return level;
            }
        }
        return null;
    }

    /// <summary>The first level the SGX components and PCESVN reach, ignoring TDX components (QVL's "SGX TCB level").</summary>
    public static TcbLevel? SelectSgx(IReadOnlyList<TcbLevel> descending, PlatformTcb platform)
    {
        foreach (var level in descending)
        {
            if (ReachesSgx(level, platform))
            {
                return level;
            }
        }
        return null;
    }

    private static bool ReachesSgx(TcbLevel level, PlatformTcb platform)
    {
        for (var i = 0; i < 16; i++)
        {
            if (platform.SgxComponents[i] < level.SgxComponents[i])
            {
                return false;
            }
        }
        return platform.PceSvn >= level.PceSvn;
    }

    private static bool Reaches(TcbLevel level, PlatformTcb platform, ReadOnlySpan<byte> teeTcbSvn)
    {
        for (var i = 0; i < 16; i++)
        {
            if (platform.SgxComponents[i] < level.SgxComponents[i])
            {
                return false;
            }
        }
        if (platform.PceSvn < level.PceSvn)
        {
            return false;
        }
        if (level.TdxComponents.Count == 16)
        {
            // With a TDX module version in TEE_TCB_SVN[1], components 0 and 1 belong to the module identity check.
            var start = teeTcbSvn[1] > 0 ? 2 : 0;
            for (var i = start; i < 16; i++)
            {
                if (teeTcbSvn[i] < level.TdxComponents[i])
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static int CompareDescending(TcbLevel a, TcbLevel b)
    {
        var c = CompareVectors(b.SgxComponents, a.SgxComponents);
        if (c != 0)
        {
            return c;
        }
        c = b.PceSvn.CompareTo(a.PceSvn);
        return c != 0 ? c : CompareVectors(b.TdxComponents, a.TdxComponents);
    }

    private static int CompareVectors(IReadOnlyList<byte> x, IReadOnlyList<byte> y)
    {
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var c = x[i].CompareTo(y[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return x.Count.CompareTo(y.Count);
    }
}
