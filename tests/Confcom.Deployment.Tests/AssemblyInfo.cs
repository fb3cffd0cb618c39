// The container tests drive a Linux Docker engine and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
