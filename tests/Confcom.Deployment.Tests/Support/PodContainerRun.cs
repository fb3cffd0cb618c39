using Confcom.DevicePlugin.V1Beta1;
using k8s.Models;

namespace Confcom.Deployment.Tests.Support;

/// <summary>
/// Turns one container of a rendered pod spec into <c>docker run</c> arguments the way a kubelet and container
/// runtime would apply it: the chart's image, args, env, mounts (hostPaths mapped into <see cref="NodeDirectories"/>,
/// emptyDirs as tmpfs, Secrets from prepared folders), security context (read-only root, dropped capabilities,
/// no-new-privileges, user, fsGroup, seccomp) and memory limit, plus a device plugin's Allocate responses. Anything
/// in the spec it cannot apply throws, so the test never silently runs something other than the chart.
/// </summary>
internal sealed class PodContainerRun(V1PodSpec pod, V1Container container, NodeDirectories node)
{
    private readonly List<ContainerAllocateResponse> _allocations = [];

    public Dictionary<string, string> SecretFolders { get; } = [];

    public string Network { get; set; } = "none";

    public List<string> ExtraHosts { get; } = [];

    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    public string Name { get; set; } = "confcom-it-" + Guid.NewGuid().ToString("N")[..8];

    public PodContainerRun WithAllocation(ContainerAllocateResponse allocation)
    {
        _allocations.Add(allocation);
        return this;
    }

    public List<string> Arguments(bool detached)
    {
        var args = new List<string> { "run", "--name", Name, "--label", "confcom-it=1", "--network", Network };
        args.Add(detached ? "-d" : "--rm");
        foreach (var host in ExtraHosts)
        {
            args.AddRange(["--add-host", host]);
        }
        AddSecurity(args);
        AddResources(args);
        AddEnvironment(args);
        AddMounts(args);
        AddAllocations(args);
        if (pod.TerminationGracePeriodSeconds is { } grace)
        {
            args.AddRange(["--stop-timeout", grace.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (container.Command is { Count: > 0 } command)
        {
            if (command.Count != 1)
            {
                throw new NotSupportedException($"{container.Name}: a multi-word command");
            }
            args.AddRange(["--entrypoint", command[0]]);
        }
        args.Add(container.Image);
        args.AddRange(container.Args ?? []);
        return args;
    }

    private void AddSecurity(List<string> args)
    {
        var security = container.SecurityContext ?? throw new NotSupportedException($"{container.Name}: no securityContext");
        if (security.Privileged == true || security.Capabilities?.Add is { Count: > 0 })
        {
            throw new NotSupportedException($"{container.Name}: privileged or added capabilities");
        }
        if (security.ReadOnlyRootFilesystem == true)
        {
            args.Add("--read-only");
        }
        foreach (var drop in security.Capabilities?.Drop ?? [])
        {
            args.AddRange(["--cap-drop", drop]);
        }
        if (security.AllowPrivilegeEscalation == false)
        {
            args.AddRange(["--security-opt", "no-new-privileges"]);
        }
        // RuntimeDefault is the engine's default seccomp profile: nothing to pass; anything else is not applied here.
        var seccomp = security.SeccompProfile?.Type ?? pod.SecurityContext?.SeccompProfile?.Type;
        if (seccomp != "RuntimeDefault")
        {
            throw new NotSupportedException($"{container.Name}: seccomp profile {seccomp ?? "(none)"}");
        }
        var user = security.RunAsUser ?? pod.SecurityContext?.RunAsUser;
        var group = security.RunAsGroup ?? pod.SecurityContext?.RunAsGroup;
        if (user is not null)
        {
            args.AddRange(["--user", group is null ? $"{user}" : $"{user}:{group}"]);
        }
        if ((security.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) == true && user is null or 0)
        {
            throw new NotSupportedException($"{container.Name}: runAsNonRoot with uid {user}");
        }
        if (pod.SecurityContext?.FsGroup is { } fsGroup)
        {
            args.AddRange(["--group-add", fsGroup.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    private void AddResources(List<string> args)
    {
        if (container.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory))
        {
            // The chart's memory limit is enforced as the kubelet would (cgroup limit): an under-sized limit OOMs here.
            args.AddRange(["--memory", ((long)memory.ToDecimal()).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    private void AddEnvironment(List<string> args)
    {
        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom is not null)
            {
                throw new NotSupportedException($"{container.Name}: env {variable.Name} valueFrom");
            }
            args.AddRange(["-e", $"{variable.Name}={variable.Value}"]);
        }
        foreach (var (name, value) in ExtraEnvironment)
        {
            args.AddRange(["-e", $"{name}={value}"]);
        }
    }

    private void AddMounts(List<string> args)
    {
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Volumes.Single(v => v.Name == mount.Name);
            var readOnly = mount.ReadOnlyProperty == true;
            if (volume.HostPath is { } hostPath)
            {
                var source = hostPath.Type switch
                {
                    "DirectoryOrCreate" => node.Existing(hostPath.Path),
                    "Directory" => Directory.Exists(node.Map(hostPath.Path)) ? node.Map(hostPath.Path)
                        : throw new InvalidOperationException($"hostPath {hostPath.Path} (type Directory) does not exist on the node; the kubelet would refuse the pod"),
                    _ => throw new NotSupportedException($"{container.Name}: hostPath type {hostPath.Type ?? "(none)"}"),
                };
                args.AddRange(["-v", $"{source}:{mount.MountPath}{(readOnly ? ":ro" : "")}"]);
            }
            else if (volume.EmptyDir is { } emptyDir)
            {
                var size = emptyDir.SizeLimit is { } limit ? $",size={(long)limit.ToDecimal()}" : "";
                args.AddRange(["--tmpfs", $"{mount.MountPath}:rw,mode=1777{size}"]);
            }
            else if (volume.Secret is { } secret)
            {
                var folder = SecretFolders.TryGetValue(secret.SecretName, out var f) ? f
                    : throw new InvalidOperationException($"{container.Name}: no folder prepared for Secret {secret.SecretName}");
                // Secret volumes are always read-only.
                args.AddRange(["-v", $"{folder}:{mount.MountPath}:ro"]);
            }
            else
            {
                throw new NotSupportedException($"{container.Name}: volume {volume.Name} of a kind this test does not apply");
            }
        }
    }

    private void AddAllocations(List<string> args)
    {
        foreach (var allocation in _allocations)
        {
            foreach (var device in allocation.Devices)
            {
                args.AddRange(["--device", $"{device.HostPath}:{device.ContainerPath}:{device.Permissions}"]);
            }
            foreach (var (name, value) in allocation.Envs)
            {
                args.AddRange(["-e", $"{name}={value}"]);
            }
            foreach (var mount in allocation.Mounts)
            {
                args.AddRange(["-v", $"{node.Map(mount.HostPath)}:{mount.ContainerPath}{(mount.ReadOnly ? ":ro" : "")}"]);
            }
        }
    }
}
