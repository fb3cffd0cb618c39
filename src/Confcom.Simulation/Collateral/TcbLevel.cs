namespace Confcom.Simulation.Collateral;

/// <summary>One SGX TCB level of a TCB Info v3: the 16 component SVNs and PCESVN with its status.</summary>
public sealed record TcbLevel(byte[] Components, ushort PceSvn, DateTimeOffset TcbDate, string Status, IReadOnlyList<string> AdvisoryIds);
