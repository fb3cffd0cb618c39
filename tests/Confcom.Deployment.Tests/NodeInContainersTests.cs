using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confcom.Deployment.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace Confcom.Deployment.Tests;

/// <summary>
/// The add-on's attestation Job on a simulated node built from the chart, everything in containers from the real
/// images: quote out of process from the containerized quote helper, collateral from the containerized simulated
/// PCS, verification; then the webhook container wires the same pod when it lacks the wiring.
/// </summary>
public sealed class NodeInContainersTests(SimulatedNodeFixture node) : IClassFixture<SimulatedNodeFixture>
{
    [Fact]
    public async Task The_device_plugin_registers_epc_and_the_quote_helpers_qe_device_with_the_kubelet()
    {
        using var timeout = new CancellationTokenSource(SimulatedNodeFixture.SafetyNet);
        var epc = await node.Kubelet.WaitForResourceAsync(SimulatedNodeFixture.EpcResource, timeout.Token);
        var qe = await node.Kubelet.WaitForResourceAsync(SimulatedNodeFixture.QeResource, timeout.Token);
        // --simulate --epc 128MiB (values-simulation.yaml): one device per MiB; exactly one qe device per node.
        Assert.Equal(128, epc.DeviceCount);
        Assert.Equal(1, qe.DeviceCount);
        var logs = await DockerCli.LogsAsync(node.DevicePluginContainer);
        Assert.Contains($"{SimulatedNodeFixture.EpcResource}: registered", logs, StringComparison.Ordinal);
        Assert.Contains($"{SimulatedNodeFixture.QeResource}: registered", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attestation_job_quotes_out_of_process_and_its_quote_verifies()
    {
        using var timeout = new CancellationTokenSource(SimulatedNodeFixture.SafetyNet);
        var job = node.Chart.Single<V1Job>("confcom-attestation-test").Spec.Template.Spec;
        var container = job.Containers.Single();
        Assert.Equal("1", container.Env.Single(e => e.Name == "SGX_AESM_ADDR").Value);

        // The kubelet stand-in admits the Job's pod: Allocate for its EPC limit, applied to the container.
        var allocation = await node.AllocateEpcAsync(int.Parse(container.Resources.Limits[SimulatedNodeFixture.EpcResource].ToString(), System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
        Assert.Equal("1", allocation.Envs["CONFCOM_SGX_SIMULATED"]);
        var run = node.Prepare(job, container, r =>
        {
            r.WithAllocation(allocation);
            r.Network = "host";
            // The Service name the chart's Job uses, resolved to the PCS container on this host's loopback.
            r.ExtraHosts.Add($"confcom-pcs.{Chart.Tests.Support.RenderedChart.Namespace}.svc:127.0.0.1");
        });
        node.Track(run.Name);
        var result = await DockerCli.RunAsync(run.Arguments(detached: false));

        var output = result.Stdout + result.Stderr;
        Assert.True(result.ExitCode == 0, $"attestation Job exited {result.ExitCode}:\n{output}\nquote helper:\n{await DockerCli.LogsAsync(node.QuoteHelperContainer)}");
        Assert.Contains("\"mode\": \"out-of-process\"", output, StringComparison.Ordinal);
        var verdict = JsonDocument.Parse(output[output.LastIndexOf("\n{", StringComparison.Ordinal)..]).RootElement;
        // Intel QVL's SGX_QL_QV_RESULT_OK: the simulated platform's TCB and QE are up to date under the shared root.
        Assert.Equal("Ok", verdict.GetProperty("status").GetString());
        Assert.True(verdict.GetProperty("isAccepted").GetBoolean());
        Assert.Equal("UpToDate", verdict.GetProperty("platformTcbStatus").GetString());
        Assert.Equal("00C0FFEE0000", verdict.GetProperty("fmspc").GetString(), ignoreCase: true);
        // The quote came through the containerized quote helper's socket, not from an in-process QE.
        Assert.Contains("Quote helper listening", await DockerCli.LogsAsync(node.QuoteHelperContainer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_container_wires_the_jobs_pod_when_it_lacks_the_wiring()
    {
        using var timeout = new CancellationTokenSource(SimulatedNodeFixture.SafetyNet);
        var tls = WriteCertificate();
        var webhook = node.Chart.Single<V1Deployment>("confcom-webhook").Spec.Template.Spec;
        var name = await node.StartAsync(webhook, r =>
        {
            r.SecretFolders["confcom-webhook-tls"] = tls.Folder;
            r.Network = "host";
        });

        // The Job's pod as an app developer writes it: EPC requested, no SGX_AESM_ADDR, no /var/run/aesmd.
        var job = node.Chart.Single<V1Job>("confcom-attestation-test");
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = "attest", NamespaceProperty = "default" },
            // A copy: the rendered chart is shared with the other tests.
            Spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(job.Spec.Template.Spec)),
        };
        var container = pod.Spec.Containers.Single();
        container.Env = [.. container.Env.Where(e => e.Name != "SGX_AESM_ADDR")];
        container.VolumeMounts = [.. container.VolumeMounts.Where(m => m.MountPath != "/var/run/aesmd")];
        pod.Spec.Volumes = [.. pod.Spec.Volumes.Where(v => v.HostPath?.Path != "/var/run/aesmd")];
        var podJson = KubernetesJson.Serialize(pod);

        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate this test made for the webhook (as the API server trusts caBundle).
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && certificate.Thumbprint == tls.Certificate.Thumbprint
                && errors is SslPolicyErrors.None or SslPolicyErrors.RemoteCertificateChainErrors,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{node.WebhookPort}") };
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "4b1d2c3e-0000-4000-8000-000000000001",
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["namespace"] = "default",
                ["operation"] = "CREATE",
                ["object"] = JsonNode.Parse(podJson),
            },
        };
        var response = await PostWhenListeningAsync(client, name, review, timeout.Token);
        var answer = JsonNode.Parse(response)!["response"]!;
        Assert.Equal("4b1d2c3e-0000-4000-8000-000000000001", answer["uid"]!.GetValue<string>());
        Assert.True(answer["allowed"]!.GetValue<bool>());
        Assert.Equal("JSONPatch", answer["patchType"]!.GetValue<string>());

        var patch = JsonSerializer.Deserialize<JsonPatchDocument>(Convert.FromBase64String(answer["patch"]!.GetValue<string>()))!;
        var patched = JsonNode.Parse(podJson)!;
        patch.ApplyTo(patched);
        var wired = KubernetesJson.Deserialize<V1Pod>(patched.ToJsonString());
        var app = wired.Spec.Containers.Single();
        Assert.Equal("1", app.Env.Single(e => e.Name == "SGX_AESM_ADDR").Value);
        var mount = app.VolumeMounts.Single(m => m.MountPath == "/var/run/aesmd");
        var volume = wired.Spec.Volumes.Single(v => v.Name == mount.Name);
        // The same host directory the quote helper serves its socket in.
        Assert.Equal(node.Chart.QuoteHelper.Spec.Template.Spec.Volumes.Single(v => v.Name == "aesmd-socket").HostPath.Path, volume.HostPath.Path);
    }

    private static async Task<string> PostWhenListeningAsync(HttpClient client, string container, JsonObject review, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/mutate", content, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}: {body}");
            }
            catch (HttpRequestException) when (!ct.IsCancellationRequested)
            {
                // Not listening yet; the container is still starting.
                await SimulatedNodeFixture.WaitForLogAsync(container, "", ct);
                await Task.Delay(200, ct);
            }
        }
    }

    private (string Folder, X509Certificate2 Certificate) WriteCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=confcom-webhook.confcom-system.svc", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddDnsName("confcom-webhook.confcom-system.svc");
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var folder = node.Node.Scratch("secret-webhook-tls-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        foreach (var file in Directory.GetFiles(folder))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }
        using (var chown = System.Diagnostics.Process.Start("chown", ["-R", "0:65532", folder])!)
        {
            chown.WaitForExit();
        }
        return (folder, X509CertificateLoader.LoadCertificate(certificate.RawData));
    }
}
