namespace Confcom.Cli.Commands.Sim;

/// <summary>What <c>confcom sim init</c> prints about a node (JSON with <c>--json</c>, in the CLI's JSON style).</summary>
internal sealed record SimNodeIdentityOutput(
    string Status,
    string StateDirectory,
    string RootDirectory,
    string RootCertificate,
    string RootSha256,
    string Fmspc,
    string PceId,
    string PckSerial,
    string TcbComponents,
    ushort PceSvn,
    ushort QeSvn,
    string QeId,
    string PublicKeyId);
