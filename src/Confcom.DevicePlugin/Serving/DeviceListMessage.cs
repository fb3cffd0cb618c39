using Confcom.DevicePlugin.V1Beta1;

namespace Confcom.DevicePlugin.Serving;

/// <summary>An encoded ListAndWatch message and its size on the wire (protobuf bytes, without the 5-byte gRPC frame header).</summary>
/// <param name="HealthOmitted">Unhealthy devices were sent without a health string to fit the kubelet's limit.</param>
internal sealed record DeviceListMessage(ListAndWatchResponse Message, int SizeBytes, bool Healthy, bool HealthOmitted);
