using System.Security.Cryptography.X509Certificates;

namespace Confcom.Simulation.Identity;

/// <summary>
/// Intel's DN pattern (<c>CN=…, O=Intel Corporation, L=Santa Clara, ST=CA, C=US</c>, CN first in DER as in Intel's
/// certificates) with "Simulated" in every CN so nobody mistakes them, keeping the CN substrings QVL checks.
/// </summary>
internal static class SimulatedDistinguishedNames
{
    public const string RootCommonName = "Simulated Intel SGX Root CA";
    public const string PckPlatformCaCommonName = "Simulated Intel SGX PCK Platform CA";
    public const string TcbSigningCommonName = "Simulated Intel SGX TCB Signing";
    public const string PckCommonName = "Simulated Intel SGX PCK Certificate";

    public static X500DistinguishedName Create(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName("Intel Corporation");
        builder.AddLocalityName("Santa Clara");
        builder.AddStateOrProvinceName("CA");
        builder.AddCountryOrRegion("US");
        return builder.Build();
    }
}
