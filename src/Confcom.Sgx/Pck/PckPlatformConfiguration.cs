namespace Confcom.Sgx.Pck;

/// <summary>
/// The Configuration item (OID …13.1.7) of Platform-CA PCK certificates. Each flag is optional in the extension;
/// null means the certificate does not state it.
/// </summary>
public sealed record PckPlatformConfiguration(bool? DynamicPlatform, bool? CachedKeys, bool? SmtEnabled);
