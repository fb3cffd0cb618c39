using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confcom.Attestation.Verification;
using Confcom.Simulation.Collateral;
using Confcom.Sgx.Collateral;

namespace Confcom.Attestation.Tests.Simulated;

/// <summary>
/// Fuzzes the STRUCTURE of signed collateral: TCB Info and QE Identity JSON with a node deleted, replaced by a value
/// of another JSON kind, or joined by an unknown member, then validly signed with the simulated TCB Signing key, so
/// the signature passes and only the verifier's reading of the content stands between the bytes and a verdict.
/// Every case must end in a result (no exception escapes); a wrong kind or a missing required field must be a
/// rejection at the document's own check whose message names the JSON path of the node (or of an enclosing node).
/// </summary>
public sealed class SignedCollateralStructureFuzzTests(SimulatedNode node) : IClassFixture<SimulatedNode>
{
    private const int Cases = 100_000;

    // A value of each JSON kind, including numbers no parser should take as an SVN or a length.
    private static readonly string[] Replacements =
        ["\"x\"", "\"00\"", "\"2025-01-01T00:00:00Z\"", "7", "-1", "3.5", "1e400", "4294967296", "true", "false", "null", "[]", "[1,\"a\"]", "{}", "{\"svn\":1}"];

    // Members whose absence is allowed by the format (QVL treats advisoryIDs as optional).
    private static readonly HashSet<string> OptionalMembers = ["advisoryIDs"];

    [Fact]
    public async Task MutatedStructureSignedByTheTcbKeyIsATypedRejectionNamingThePath()
    {
        var quote = await node.QuoteAsync(new byte[64]);
        var verifier = node.Verifier();
        var baseline = node.Collateral(CollateralScenario.SWHardeningNeeded);
        Assert.True(verifier.Verify(quote, baseline, node.VerifyAt).IsAccepted);

        var documents = new[]
        {
            new Document("TCB Info", VerificationCheck.TcbInfo, baseline.TcbInfo),
            new Document("QE Identity", VerificationCheck.QeIdentity, baseline.QeIdentity),
        };
        var violations = new ConcurrentQueue<string>();
        var rejectedNamingPath = 0;
        var escaped = 0;

        Parallel.For(0, Cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var random = new Random(80_000 + i);
            var document = documents[random.Next(documents.Length)];
            var (text, mutation) = Mutate(document, random);
            // Only the mutated document is re-signed; the other keeps the issuer's signature.
            var signed = SimulatedCollateralIssuer.SignWithTcbSigningKey(node.Platform, text);
            var collateral = document.Check == VerificationCheck.TcbInfo
                ? baseline with { TcbInfo = signed.Text, TcbInfoSignature = signed.Signature }
                : baseline with { QeIdentity = signed.Text, QeIdentitySignature = signed.Signature };

            QuoteVerificationResult result;
            try
            {
                result = verifier.Verify(quote, collateral, node.VerifyAt);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref escaped);
                violations.Enqueue($"case {i} ({document.Name}, {mutation}): {ex.GetType().Name} escaped: {ex.Message}");
                return;
            }
            if (!mutation.MustBeRejected)
            {
                return;
            }
            if (result.IsAccepted || result.FailedCheck != document.Check)
            {
                violations.Enqueue($"case {i} ({document.Name}, {mutation}): expected a {document.Check} rejection, got {result.StatusName} at {result.FailedCheck?.ToString() ?? "(none)"}: {result.FailureMessage}");
                return;
            }
            if (!mutation.PathAndAncestors.Any(p => result.FailureMessage!.Contains(p, StringComparison.Ordinal)))
            {
                violations.Enqueue($"case {i} ({document.Name}, {mutation}): the rejection does not name '{mutation.Path}' or an enclosing node: {result.FailureMessage}");
                return;
            }
            Interlocked.Increment(ref rejectedNamingPath);
        });

        Assert.True(violations.IsEmpty, $"{violations.Count} of {Cases} cases failed ({escaped} with an exception escaping the verifier); first ones:\n" +
            string.Join("\n", violations.OrderBy(v => !v.Contains("escaped", StringComparison.Ordinal)).Take(12)));
        // Most mutations change a kind or delete a required member; the run must really have exercised the rejections.
        Assert.True(rejectedNamingPath > Cases / 2, $"only {rejectedNamingPath} typed rejections");
    }

    private static (string Text, Mutation Mutation) Mutate(Document document, Random random)
    {
        // Parsed per case: JsonNode materializes lazily and is not safe to share between threads.
        var root = JsonNode.Parse(document.Text)!;
        var nodes = new List<(string Path, JsonNode Node)>();
        Collect(root, "", nodes);
        var (path, target) = nodes[random.Next(nodes.Count)];
        var parent = target.Parent!;
        var kind = random.Next(10);
        Mutation mutation;
        if (kind < 6)
        {
            // Replace with a value of another JSON kind.
            var originalKind = target.GetValueKind();
            string replacement;
            JsonNode? value;
            do
            {
                replacement = Replacements[random.Next(Replacements.Length)];
                value = JsonNode.Parse(replacement);
            }
            while (KindOf(value) == KindOf(originalKind));
            Replace(parent, target, value);
            mutation = new Mutation($"{path} := {replacement}", path, MustBeRejected: true);
        }
        else if (kind < 9)
        {
            var member = parent is JsonObject;
            var name = member ? target.GetPropertyName() : null;
            Remove(parent, target);
            // A missing required member must be named; a missing array element may be harmless (a lower level).
            var required = member && !OptionalMembers.Contains(name!);
            mutation = new Mutation($"delete {path}", required ? path : ParentPath(path), MustBeRejected: required);
        }
        else
        {
            // An unknown member next to the target (or inside it): Intel's format may grow, readers ignore it.
            var host = target as JsonObject ?? parent as JsonObject;
            host?.Add("fuzz" + random.Next(1000), JsonNode.Parse(Replacements[random.Next(Replacements.Length)]));
            mutation = new Mutation($"add member near {path}", path, MustBeRejected: false);
        }
        return (root.ToJsonString(), mutation);
    }

    private static void Collect(JsonNode node, string path, List<(string, JsonNode)> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    into.Add((childPath, child!));
                    Collect(child!, childPath, into);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    into.Add((childPath, array[i]!));
                    Collect(array[i]!, childPath, into);
                }
                break;
        }
    }

    private static void Replace(JsonNode parent, JsonNode target, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[target.GetPropertyName()] = value;
        }
        else
        {
            ((JsonArray)parent)[target.GetElementIndex()] = value;
        }
    }

    private static void Remove(JsonNode parent, JsonNode target)
    {
        if (parent is JsonObject obj)
        {
            obj.Remove(target.GetPropertyName());
        }
        else
        {
            ((JsonArray)parent).RemoveAt(target.GetElementIndex());
        }
    }

    private static string ParentPath(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? path : path[..cut];
    }

    private static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : KindOf(node.GetValueKind());

    // true and false are one kind here: the formats have no boolean field either could stand for.
    private static JsonValueKind KindOf(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private sealed record Document(string Name, VerificationCheck Check, string Text);

    private sealed record Mutation(string Description, string Path, bool MustBeRejected)
    {
        /// <summary>The mutated node's path and every enclosing path, innermost first ("" excluded).</summary>
        public IEnumerable<string> PathAndAncestors
        {
            get
            {
                for (var p = Path; p.Length > 0;)
                {
                    yield return p;
                    var parent = ParentPath(p);
                    if (parent == p)
                    {
                        yield break;
                    }
                    p = parent;
                }
            }
        }

        public override string ToString() => Description;
    }
}
