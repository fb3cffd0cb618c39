namespace Confcom.DevicePlugin.Registration;

/// <summary>One resource's registration state: registered now, how many successful Register calls, and the last one.</summary>
/// <param name="ListAndWatchMissing">The last Register succeeded but the kubelet never opened ListAndWatch.</param>
internal sealed record ResourceRegistration(bool Registered, int Registrations, DateTimeOffset? LastRegisteredAt, bool ListAndWatchMissing = false);
