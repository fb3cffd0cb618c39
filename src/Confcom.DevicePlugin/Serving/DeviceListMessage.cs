using Confcom.DevicePlugin.V1Beta1;

namespace Confcom.DevicePlugin.Serving;

/// <summary>An encoded ListAndWatch message and its size on the wire (protobuf bytes, without the 5-byte gRPC frame header).</summary>
/// <param name="Healthy">True for the full Healthy list, false for the empty list sent while the device node is missing.</param>
internal sealed record DeviceListMessage(ListAndWatchResponse Message, int SizeBytes, bool Healthy);
