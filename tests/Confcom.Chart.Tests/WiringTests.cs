using Confcom.Chart.Tests.Support;
using k8s.Models;

namespace Confcom.Chart.Tests;

/// <summary>What the rendered objects must wire together for a node to quote, in every value set.</summary>
public sealed class WiringTests
{
    private const string Qe = "sgx.intel.com/qe";
    private const string Provision = "sgx.intel.com/provision";
    private const string Epc = "kubernetes.azure.com/sgx_epc_mem_in_MiB";

    public static TheoryData<string> ValueSets => Renderings.ValueSetNames;

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Provision_reaches_only_the_quote_helper(string valueSet)
    {
        var chart = Renderings.Get(valueSet);
        foreach (var (owner, spec) in chart.PodSpecs())
        {
            foreach (var container in spec.Containers)
            {
                var requests = ResourceNames(container);
                if (owner != "DaemonSet/confcom-sgx-quote-helper")
                {
                    Assert.DoesNotContain(Qe, requests);
                    Assert.DoesNotContain(Provision, requests);
                }
            }
            // Nobody gets the provision node by a hostPath, read-only or not.
            Assert.DoesNotContain(spec.Volumes ?? [], v => v.HostPath?.Path is { } p && p.Contains("sgx_provision", StringComparison.Ordinal));
        }
        if (chart.Objects.OfType<V1DaemonSet>().Any(d => d.Metadata.Name == "confcom-sgx-device-plugin") && valueSet != "everything")
        {
            Assert.DoesNotContain("--epc-grants-provision", chart.DevicePlugin.Spec.Template.Spec.Containers[0].Args);
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void The_device_plugin_serves_the_qe_resource_exactly_when_the_quote_helper_runs(string valueSet)
    {
        var chart = Renderings.Get(valueSet);
        var served = Argument(chart.DevicePlugin.Spec.Template.Spec.Containers[0], "--resources").Split(',');
        var quoteHelper = chart.OfType<V1DaemonSet>().SingleOrDefault(d => d.Metadata.Name == "confcom-sgx-quote-helper");
        Assert.Equal(quoteHelper is not null, served.Contains(Qe));
        Assert.Contains(Epc, served);
        if (quoteHelper is not null)
        {
            var container = Assert.Single(quoteHelper.Spec.Template.Spec.Containers);
            Assert.Equal("1", container.Resources.Limits[Qe].ToString());
            Assert.Equal("1", container.Resources.Requests[Qe].ToString());
            Assert.DoesNotContain(Provision, ResourceNames(container));
        }
    }

    [Theory]
    [InlineData("simulation")]
    [InlineData("everything")]
    public void Quote_helper_apps_and_webhook_share_one_socket_directory(string valueSet)
    {
        var chart = Renderings.Get(valueSet);
        var helper = chart.QuoteHelper.Spec.Template.Spec;
        var socketDir = HostPathMountedAt(helper, helper.Containers[0], "/var/run/aesmd");
        Assert.Contains("--socket=/var/run/aesmd/aesm.socket", helper.Containers[0].Args);
        Assert.Equal("/var/run/aesmd", socketDir);

        var test = chart.Single<V1Job>("confcom-attestation-test").Spec.Template.Spec;
        Assert.Equal(socketDir, HostPathMountedAt(test, test.Containers[0], "/var/run/aesmd"));
        Assert.True(test.Containers[0].VolumeMounts.Single(m => m.MountPath == "/var/run/aesmd").ReadOnlyProperty);
        Assert.Equal("1", test.Containers[0].Env.Single(e => e.Name == "SGX_AESM_ADDR").Value);

        if (chart.OfType<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == "confcom-webhook") is { } webhook)
        {
            Assert.Equal(socketDir, Argument(webhook.Spec.Template.Spec.Containers[0], "--aesm-socket-dir"));
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Every_container_is_locked_down(string valueSet)
    {
        foreach (var (owner, spec) in Renderings.Get(valueSet).PodSpecs())
        {
            Assert.Equal("RuntimeDefault", spec.SecurityContext?.SeccompProfile?.Type);
            // Only the hook that writes the simulated root's Secret talks to the API server.
            Assert.Equal(owner == "Job/confcom-sim-root", spec.AutomountServiceAccountToken);
            Assert.False(spec.HostNetwork ?? false, owner);
            Assert.False(spec.HostPID ?? false, owner);
            foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
            {
                var security = container.SecurityContext;
                Assert.NotNull(security);
                Assert.True(security.ReadOnlyRootFilesystem, $"{owner}: readOnlyRootFilesystem");
                Assert.False(security.AllowPrivilegeEscalation, $"{owner}: allowPrivilegeEscalation");
                Assert.False(security.Privileged ?? false, $"{owner}: privileged");
                Assert.Equal(["ALL"], security.Capabilities.Drop);
                Assert.Null(security.Capabilities.Add);
                Assert.Equal("RuntimeDefault", security.SeccompProfile?.Type);
                // uid 0 only where a root-owned hostPath forces it (each template says why), never implicitly.
                Assert.NotNull(security.RunAsUser);
                var mayBeRoot = owner is "DaemonSet/confcom-sgx-device-plugin" or "DaemonSet/confcom-sgx-quote-helper"
                    || (owner == "Job/confcom-attestation-test" && valueSet == "simulation");
                if (!mayBeRoot)
                {
                    Assert.True(security.RunAsNonRoot, $"{owner}: runAsNonRoot");
                    Assert.NotEqual(0, security.RunAsUser);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Every_container_has_memory_and_cpu_requests_and_a_memory_limit(string valueSet)
    {
        foreach (var (owner, spec) in Renderings.Get(valueSet).PodSpecs())
        {
            foreach (var container in spec.Containers)
            {
                var requests = container.Resources?.Requests ?? throw new Xunit.Sdk.XunitException($"{owner}: no requests");
                var limits = container.Resources.Limits ?? throw new Xunit.Sdk.XunitException($"{owner}: no limits");
                Assert.True(requests.ContainsKey("cpu"), owner);
                var request = requests["memory"].ToDecimal();
                var limit = limits["memory"].ToDecimal();
                Assert.InRange(request, 16m * 1024 * 1024, limit);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void Host_mounts_are_read_only_except_the_sockets_and_the_simulated_state(string valueSet)
    {
        var writable = new HashSet<string> { "/var/lib/kubelet/device-plugins", "/var/run/aesmd", "/var/lib/confcom/sim" };
        foreach (var (owner, spec) in Renderings.Get(valueSet).PodSpecs())
        {
            foreach (var container in spec.Containers)
            {
                foreach (var mount in container.VolumeMounts ?? [])
                {
                    var volume = spec.Volumes.Single(v => v.Name == mount.Name);
                    if (volume.HostPath is null || mount.ReadOnlyProperty == true)
                    {
                        continue;
                    }
                    Assert.True(owner != "Job/confcom-attestation-test", $"{owner} mounts {volume.HostPath.Path} read-write");
                    Assert.Contains(volume.HostPath.Path, writable);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void DaemonSets_select_linux_amd64_nodes_with_sgx_labels_others_set(string valueSet)
    {
        var chart = Renderings.Get(valueSet);
        foreach (var daemonSet in chart.OfType<V1DaemonSet>())
        {
            var spec = daemonSet.Spec.Template.Spec;
            Assert.Equal("linux", spec.NodeSelector["kubernetes.io/os"]);
            Assert.Equal("amd64", spec.NodeSelector["kubernetes.io/arch"]);
            Assert.DoesNotContain("tee", spec.NodeSelector.Keys);
            Assert.Equal("RollingUpdate", daemonSet.Spec.UpdateStrategy.Type);
            Assert.Equal("0", daemonSet.Spec.UpdateStrategy.RollingUpdate.MaxSurge.Value);
            Assert.Equal("1", daemonSet.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value);
            Assert.Contains(spec.Tolerations, t => t.Key == Epc && t.OperatorProperty == "Exists");
            foreach (var (key, value) in daemonSet.Spec.Selector.MatchLabels)
            {
                Assert.Equal(value, daemonSet.Spec.Template.Metadata.Labels[key]);
            }

            var terms = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
            if (valueSet == "simulation")
            {
                Assert.Null(terms);
                continue;
            }
            Assert.NotNull(terms);
            var keys = terms.SelectMany(t => t.MatchExpressions).Select(e => e.Key).ToList();
            Assert.Equal(["intel.feature.node.kubernetes.io/sgx", "node.kubernetes.io/instance-type"], keys);
            Assert.Equal(["true"], terms[0].MatchExpressions[0].Values);
            Assert.All(terms[1].MatchExpressions[0].Values, size => Assert.StartsWith("Standard_DC", size, StringComparison.Ordinal));
        }
        Assert.DoesNotContain("tee: sgx", chart.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_device_plugin_sees_the_hosts_dev_and_numa_nodes_read_only_and_owns_its_kubelet_directory()
    {
        var spec = Renderings.Get("default").DevicePlugin.Spec.Template.Spec;
        var container = spec.Containers[0];
        Assert.Contains("--host-root=/host", container.Args);
        Assert.Equal("/dev", HostPathMountedAt(spec, container, "/host/dev"));
        Assert.Equal("/sys/devices/system/node", HostPathMountedAt(spec, container, "/host/sys/devices/system/node"));
        Assert.Equal("/var/lib/kubelet/device-plugins", HostPathMountedAt(spec, container, "/var/lib/kubelet/device-plugins"));
        Assert.Equal("Directory", spec.Volumes.Single(v => v.HostPath?.Path == "/var/lib/kubelet/device-plugins").HostPath.Type);
        Assert.Equal("system-node-critical", spec.PriorityClassName);
    }

    [Fact]
    public void Simulation_shares_one_root_secret_and_points_the_test_at_the_pcs_service()
    {
        var chart = Renderings.Get("simulation");
        var secretNames = chart.PodSpecs()
            .SelectMany(p => p.Spec.Volumes ?? [])
            .Where(v => v.Secret is not null)
            .Select(v => v.Secret.SecretName)
            .Distinct()
            .ToList();
        Assert.Equal(["confcom-sim-root"], secretNames);
        Assert.Contains("--name=confcom-sim-root", chart.Single<V1Job>("confcom-sim-root").Spec.Template.Spec.Containers[0].Args);

        var helper = chart.QuoteHelper.Spec.Template.Spec.Containers[0];
        Assert.Contains("--backend=simulated", helper.Args);
        Assert.Contains("--sim-root=/etc/confcom/sim-root", helper.Args);
        var pcs = chart.Single<V1Deployment>("confcom-pcs").Spec.Template.Spec.Containers[0];
        Assert.Contains("--sim-root=/etc/confcom/sim-root", pcs.Args);

        var service = chart.Single<V1Service>("confcom-pcs");
        var pods = chart.Single<V1Deployment>("confcom-pcs").Spec.Template.Metadata.Labels;
        Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, pods[s.Key]));
        var port = service.Spec.Ports.Single().Port;
        Assert.Contains($"--listen=http://0.0.0.0:{port}", pcs.Args);

        var test = chart.Single<V1Job>("confcom-attestation-test").Spec.Template.Spec.Containers[0];
        Assert.Equal($"http://confcom-pcs.{RenderedChart.Namespace}.svc:{port}", test.Env.Single(e => e.Name == "CONFCOM_PCS_URL").Value);
        Assert.Equal("/etc/confcom/sim-root/root-ca.pem", test.Env.Single(e => e.Name == "CONFCOM_TRUSTED_ROOT").Value);
        Assert.Equal("10", test.Resources.Limits[Epc].ToString());
    }

    [Fact]
    public void On_hardware_the_quote_helper_runs_the_hardware_image_and_the_pccs_config()
    {
        var chart = Renderings.Get("everything");
        var spec = chart.QuoteHelper.Spec.Template.Spec;
        Assert.EndsWith("-hw", spec.Containers[0].Image, StringComparison.Ordinal);
        Assert.Contains("--backend=dcap", spec.Containers[0].Args);
        Assert.DoesNotContain(spec.Containers[0].Args, a => a.StartsWith("--state-dir", StringComparison.Ordinal));
        var qcnl = spec.Containers[0].VolumeMounts.Single(m => m.MountPath == "/etc/sgx_default_qcnl.conf");
        Assert.True(qcnl.ReadOnlyProperty);
        var map = chart.Single<V1ConfigMap>(spec.Volumes.Single(v => v.Name == qcnl.Name).ConfigMap.Name);
        Assert.Contains("pccs_url", map.Data["sgx_default_qcnl.conf"], StringComparison.Ordinal);
        Assert.DoesNotContain("-hw", Renderings.Get("simulation").QuoteHelper.Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_job_is_the_charts_attestation_test_for_a_release_named_confcom_in_namespace_confcom()
    {
        var sample = (V1Job)RenderedChart.Parse(File.ReadAllText(RepositoryRoot.Combine("samples", "attestation-job", "attestation-job.yaml"))).Single();
        var chart = Renderings.Get("simulation").Single<V1Job>("confcom-attestation-test");
        var sampleContainer = sample.Spec.Template.Spec.Containers.Single();
        var chartContainer = chart.Spec.Template.Spec.Containers.Single();

        foreach (var variable in chartContainer.Env)
        {
            var expected = variable.Value.Replace($".{RenderedChart.Namespace}.svc", ".confcom.svc", StringComparison.Ordinal);
            Assert.Equal(expected, sampleContainer.Env.Single(e => e.Name == variable.Name).Value);
        }
        Assert.Equal(chartContainer.VolumeMounts.Select(m => (m.MountPath, m.ReadOnlyProperty)).Order(),
            sampleContainer.VolumeMounts.Select(m => (m.MountPath, m.ReadOnlyProperty)).Order());
        Assert.Equal(chartContainer.Resources.Limits[Epc], sampleContainer.Resources.Limits[Epc]);
        Assert.Equal("confcom-sim-root", sample.Spec.Template.Spec.Volumes.Single(v => v.Secret is not null).Secret.SecretName);
    }

    [Fact]
    public void The_webhook_trusts_a_long_lived_CA_so_renewing_its_serving_certificate_keeps_caBundle()
    {
        // caBundle is injected from the Certificate named in inject-ca-from. It must be a CA that signs the serving
        // certificate the webhook's pods mount: a self-signed leaf would change caBundle at every renewal.
        var chart = Renderings.Get("everything");
        var configuration = chart.OfType<V1MutatingWebhookConfiguration>().Single();
        var injected = configuration.Metadata.Annotations["cert-manager.io/inject-ca-from"].Split('/');
        Assert.Equal(RenderedChart.Namespace, injected[0]);
        var ca = chart.Single<CertManagerCertificate>(injected[1]);
        Assert.True(ca.Spec.IsCA);
        Assert.NotNull(chart.Single<CertManagerIssuer>(ca.Spec.IssuerRef.Name).Spec.SelfSigned);

        var webhook = chart.Single<V1Deployment>("confcom-webhook");
        var tlsSecret = webhook.Spec.Template.Spec.Volumes.Single(v => v.Secret is not null).Secret.SecretName;
        var serving = chart.OfType<CertManagerCertificate>().Single(c => c.Spec.SecretName == tlsSecret);
        Assert.NotEqual(true, serving.Spec.IsCA);
        var signer = chart.Single<CertManagerIssuer>(serving.Spec.IssuerRef.Name);
        Assert.Null(signer.Spec.SelfSigned);
        Assert.Equal(ca.Spec.SecretName, signer.Spec.Ca?.SecretName);
    }

    private static string Argument(V1Container container, string flag) =>
        container.Args.Single(a => a.StartsWith(flag + "=", StringComparison.Ordinal))[(flag.Length + 1)..];

    private static HashSet<string> ResourceNames(V1Container container) =>
        [.. (container.Resources?.Requests?.Keys ?? []).Concat(container.Resources?.Limits?.Keys ?? [])];

    private static string HostPathMountedAt(V1PodSpec spec, V1Container container, string mountPath)
    {
        var mount = container.VolumeMounts.Single(m => m.MountPath == mountPath);
        return spec.Volumes.Single(v => v.Name == mount.Name).HostPath.Path;
    }
}
