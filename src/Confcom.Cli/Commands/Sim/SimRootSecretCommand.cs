using System.CommandLine;
using System.Net;
using Confcom.Simulation.Identity;
using Confcom.Simulation.State;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Confcom.Cli.Commands.Sim;

/// <summary>
/// <c>confcom sim root-secret</c>: make a cluster's simulated root once and store it as a Kubernetes Secret, so every
/// node's quote helper and the simulated PCS share one trust anchor. Run by the Helm chart's pre-install hook Job
/// (in-cluster credentials) or by hand (kubeconfig). A Secret that exists is never replaced: nodes that already
/// chained to it must keep verifying.
/// </summary>
internal static class SimRootSecretCommand
{
    /// <summary>Where Kubernetes mounts the pod's own namespace.</summary>
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Name of the Secret to create", Required = true };
        var ns = new Option<string?>("--namespace") { Description = "Namespace of the Secret (default: the pod's own, else the kubeconfig's, else default)" };
        var command = new Command("root-secret", "Create a simulated Intel root (CAs and keys) and store it as a Kubernetes Secret, unless that Secret exists.");
        command.Options.Add(name);
        command.Options.Add(ns);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var secretName = r.GetValue(name)!;
            var config = LoadConfiguration();
            var secretNamespace = r.GetValue(ns) ?? DefaultNamespace(config);
            using var client = new Kubernetes(config);
            var secret = NewRootSecret(secretName, secretNamespace);
            try
            {
                await client.CoreV1.CreateNamespacedSecretAsync(secret, secretNamespace, cancellationToken: ct);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
            {
                Console.WriteLine($"Secret {secretNamespace}/{secretName} already exists; left as it is (every node keeps its root)");
                return 0;
            }
            catch (HttpOperationException ex)
            {
                throw new CliException($"cannot create Secret {secretNamespace}/{secretName} (POST {config.Host}): {(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}: {FirstLine(ex.Response.Content)}; " +
                    "the service account needs 'create' on secrets in that namespace");
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"cannot reach the API server at {config.Host} to create Secret {secretNamespace}/{secretName}: {ex.Message}");
            }
            Console.WriteLine($"created Secret {secretNamespace}/{secretName} with a new simulated root ({secret.Data.Count} files)");
            return 0;
        });
        return command;
    }

    /// <summary>The six files of a fresh root, made in a private temporary folder that is removed afterwards.</summary>
    private static V1Secret NewRootSecret(string name, string ns)
    {
        var folder = Directory.CreateTempSubdirectory("confcom-sim-root-");
        try
        {
            var rootDir = Path.Combine(folder.FullName, "root");
            try
            {
                using var root = SimulatedRootAuthority.OpenOrCreate(rootDir);
            }
            catch (SimulationStateException ex)
            {
                throw new CliException(ex.Message);
            }
            var data = Directory.GetFiles(rootDir, "*.pem").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
            return new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = "Opaque",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string>
                    {
                        ["app.kubernetes.io/name"] = "confcom",
                        ["app.kubernetes.io/component"] = "simulated-root",
                    },
                    Annotations = new Dictionary<string, string>
                    {
                        ["confcom.azure.com/simulated"] = "SIMULATED Intel SGX root: quotes under it never verify against Intel's root",
                    },
                },
                Data = data,
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static KubernetesClientConfiguration LoadConfiguration()
    {
        try
        {
            // In a pod: the service account; else $KUBECONFIG or ~/.kube/config.
            return KubernetesClientConfiguration.BuildDefaultConfig();
        }
        catch (k8s.Exceptions.KubeConfigException ex)
        {
            throw new CliException($"no Kubernetes credentials: not in a pod, and the kubeconfig cannot be read ({ex.Message}); set KUBECONFIG");
        }
    }

    private static string DefaultNamespace(KubernetesClientConfiguration config) =>
        File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim()
        : config.Namespace ?? "default";

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();
}
