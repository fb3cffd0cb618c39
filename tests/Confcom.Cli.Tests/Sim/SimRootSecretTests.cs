using System.Net;
using System.Text.Json.Nodes;
using Confcom.Cli.Tests.Support;
using Confcom.Simulation.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Confcom.Cli.Tests.Sim;

/// <summary>
/// <c>confcom sim root-secret</c> (the chart's pre-install hook) against a stand-in API server on loopback that
/// answers the one call it makes, POST a Secret, as the API server does: 201 the first time, 409 after.
/// </summary>
public sealed class SimRootSecretTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/tmp", "cc-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, JsonNode> _secrets = [];
    private WebApplication _api = null!;

    private string Kubeconfig => Path.Combine(_root, "kubeconfig");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _api = builder.Build();
        _api.MapPost("/api/v1/namespaces/{ns}/secrets", async (string ns, HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var key = $"{ns}/{body["metadata"]!["name"]}";
            lock (_secrets)
            {
                if (_secrets.ContainsKey(key))
                {
                    return Results.Json(new { kind = "Status", apiVersion = "v1", status = "Failure", reason = "AlreadyExists", code = 409 }, statusCode: 409);
                }
                _secrets[key] = body;
            }
            return Results.Json(body, statusCode: 201);
        });
        await _api.StartAsync();
        var address = _api.Urls.Single();
        await File.WriteAllTextAsync(Kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: stand-in
                cluster:
                  server: "{address}"
            users:
              - name: test
                user:
                  token: test-token
            contexts:
              - name: test
                context:
                  cluster: stand-in
                  user: test
                  namespace: from-kubeconfig
            current-context: test
            """);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Creates_one_valid_shared_root_once_and_never_replaces_it()
    {
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = Kubeconfig, ["KUBERNETES_SERVICE_HOST"] = null };

        var first = await ConfcomProcess.RunAsync(environment, ConfcomProcess.DefaultSafetyNet, "sim", "root-secret", "--name", "confcom-sim-root", "--namespace", "confcom");
        JsonNode stored;
        lock (_secrets)
        {
            stored = _secrets["confcom/confcom-sim-root"].DeepClone();
        }
        var second = await ConfcomProcess.RunAsync(environment, ConfcomProcess.DefaultSafetyNet, "sim", "root-secret", "--name", "confcom-sim-root", "--namespace", "confcom");

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("created Secret confcom/confcom-sim-root", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Contains("already exists", second.StandardOutput, StringComparison.Ordinal);
        lock (_secrets)
        {
            Assert.Single(_secrets);
            Assert.True(JsonNode.DeepEquals(stored, _secrets["confcom/confcom-sim-root"]));
        }

        // The Secret's files, laid out as its volume mount would be, are a complete simulated root.
        var data = stored["data"]!.AsObject();
        Assert.Equal(["pck-platform-ca-key.pem", "pck-platform-ca.pem", "root-ca-key.pem", "root-ca.pem", "tcb-signing-key.pem", "tcb-signing.pem"],
            data.Select(p => p.Key).Order(StringComparer.Ordinal));
        var mounted = Path.Combine(_root, "mounted");
        Directory.CreateDirectory(mounted);
        foreach (var (file, value) in data)
        {
            await File.WriteAllBytesAsync(Path.Combine(mounted, file), Convert.FromBase64String(value!.GetValue<string>()));
        }
        using var root = SimulatedRootAuthority.Open(mounted);
        Assert.Contains("Simulated Intel SGX Root CA", root.Root.Certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_by_the_API_server_names_the_secret_the_call_and_the_missing_permission()
    {
        await _api.StopAsync();
        var forbidding = WebApplication.CreateSlimBuilder();
        forbidding.Logging.ClearProviders();
        forbidding.WebHost.UseUrls("http://127.0.0.1:0");
        await using var api = forbidding.Build();
        api.MapPost("/api/v1/namespaces/{ns}/secrets", () => Results.Json(new { kind = "Status", code = 403, message = "secrets is forbidden" }, statusCode: (int)HttpStatusCode.Forbidden));
        await api.StartAsync();
        var config = (await File.ReadAllTextAsync(Kubeconfig)).Replace(_api.Urls.Single(), api.Urls.Single(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Kubeconfig, config);

        var result = await ConfcomProcess.RunAsync(new Dictionary<string, string?> { ["KUBECONFIG"] = Kubeconfig, ["KUBERNETES_SERVICE_HOST"] = null },
            ConfcomProcess.DefaultSafetyNet, "sim", "root-secret", "--name", "x");

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Secret from-kubeconfig/x", line, StringComparison.Ordinal);
        Assert.Contains("403", line, StringComparison.Ordinal);
        Assert.Contains("'create' on secrets", line, StringComparison.Ordinal);
    }
}
