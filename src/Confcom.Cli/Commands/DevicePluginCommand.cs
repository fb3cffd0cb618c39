using System.CommandLine;

namespace Confcom.Cli.Commands;

/// <summary><c>confcom device-plugin</c>: Run the kubelet device plugin for SGX EPC, enclave and provision resources.</summary>
internal static class DevicePluginCommand
{
    public static Command Create()
    {
        var command = new Command("device-plugin", "Run the kubelet device plugin for SGX EPC, enclave and provision resources.");
        command.SetAction(int (_) => throw new CliException("'device-plugin' is not implemented yet", 2));
        return command;
    }
}
