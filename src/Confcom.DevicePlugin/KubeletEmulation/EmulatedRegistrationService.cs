using Confcom.DevicePlugin.V1Beta1;
using Grpc.Core;

namespace Confcom.DevicePlugin.KubeletEmulation;

/// <summary>The Registration service on the emulated kubelet.sock.</summary>
internal sealed class EmulatedRegistrationService(KubeletEmulator kubelet) : V1Beta1.Registration.RegistrationBase
{
    public override async Task<Empty> Register(RegisterRequest request, ServerCallContext context)
    {
        await kubelet.RegisterAsync(request, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }
}
