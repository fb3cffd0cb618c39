namespace Confcom.DevicePlugin;

/// <summary>The plugin cannot start with these settings on this node; the message says why and what to change.</summary>
public sealed class DevicePluginStartupException : Exception
{
    public DevicePluginStartupException(string message)
        : base(message)
    {
    }

    public DevicePluginStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
