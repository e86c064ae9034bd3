using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Kiwigrid.Testing;

namespace Kiwigrid.Cli.Tests;

/// <summary>Validates JSON the CLI or serve wrote against one definition of <c>docs/schema/kiwigrid.schema.json</c>.</summary>
internal static class OutputSchema
{
    public static void AssertValid(string definition, string json)
    {
        using var document = JsonDocument.Parse(json);
        AssertValid(definition, document.RootElement);
    }

    public static void AssertValid(string definition, JsonElement instance)
    {
        var results = For(definition).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        Assert.True(results.IsValid, $"not a valid {definition}:\n{string.Join('\n', errors)}\n{instance}");
    }

    /// <summary>The schema file with its root pointing at <paramref name="definition"/> (2020-12 allows <c>$ref</c> beside other keywords).</summary>
    private static JsonSchema For(string definition)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "schema", "kiwigrid.schema.json")))!.AsObject();
        Assert.True(schema["$defs"]!.AsObject().ContainsKey(definition), definition + " is defined");
        schema["$ref"] = "#/$defs/" + definition;
        // Each copy its own registry: the copies share the file's $id.
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
