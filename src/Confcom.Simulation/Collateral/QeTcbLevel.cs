namespace Confcom.Simulation.Collateral;

/// <summary>One level of a QE Identity v2: the QE ISVSVN with its status.</summary>
public sealed record QeTcbLevel(ushort IsvSvn, DateTimeOffset TcbDate, string Status, IReadOnlyList<string> AdvisoryIds);
