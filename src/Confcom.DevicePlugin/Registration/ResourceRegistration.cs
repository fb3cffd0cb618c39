namespace Confcom.DevicePlugin.Registration;

/// <summary>One resource's registration state: registered now, how many successful Register calls, and the last one.</summary>
internal sealed record ResourceRegistration(bool Registered, int Registrations, DateTimeOffset? LastRegisteredAt);
