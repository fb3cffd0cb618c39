using System.Runtime.InteropServices;

namespace Confcom.Aesm.Dcap;

/// <summary>Whether this node can run the hardware backend, and if not, why (for <c>--backend auto</c> and error messages).</summary>
public static class DcapAvailability
{
    /// <summary>The Intel library the hardware backend loads (libsgx-dcap-ql).</summary>
    public const string QuoteLibrary = DcapNativeLibrary.QuoteLibrary;

    /// <summary>
    /// Null when usable; otherwise the reason, phrased for an operator. <paramref name="deviceRoot"/> holds the SGX
    /// device nodes; <paramref name="quoteLibrary"/> is the library to load (tests name one that does not exist).
    /// </summary>
    public static string? WhyUnavailable(string deviceRoot = "/dev", string quoteLibrary = QuoteLibrary)
    {
        foreach (var device in new[] { "sgx_enclave", "sgx_provision" })
        {
            var path = Path.Combine(deviceRoot, device);
            if (!File.Exists(path))
            {
                return $"{path} does not exist (no SGX with the in-kernel driver, or the device is not mounted into this container)";
            }
        }
        if (Environment.GetEnvironmentVariable("SGX_AESM_ADDR") is not null)
        {
            // libsgx_dcap_ql would then forward every call to an AESM socket — possibly this very service.
            return "SGX_AESM_ADDR is set, which makes libsgx_dcap_ql call out to an AESM instead of loading QE3 here; unset it for the quote helper";
        }
        if (!NativeLibrary.TryLoad(quoteLibrary, out var handle))
        {
            return $"{quoteLibrary} cannot be loaded (install Intel's libsgx-dcap-ql and a quote provider library)";
        }
        NativeLibrary.Free(handle);
        return null;
    }
}
