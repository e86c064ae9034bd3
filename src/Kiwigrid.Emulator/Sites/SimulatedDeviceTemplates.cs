using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Sites;

/// <summary>
/// The tags of each device the simulated site installs, with their static values. Copied from the real Battery flex
/// dump (fixtures/wizard-devices/solarwatt-em-batteryflex.json) with personal data replaced and placeholders
/// (<c>{em}</c>, <c>{owner}</c>, <c>{battery}</c>, <c>{inverter}</c>, <c>{keba}</c>, <c>{plug}</c>) for the site's serials; the Keba
/// station and the myStrom plug follow the EVStation and Plug classes of DEVICE-MODEL.md. The many <c>null</c> tags are real: clients must cope.
/// </summary>
internal static class SimulatedDeviceTemplates
{
    // The resource's name is set in the project file; the JSON is a file of its own so it stays readable and diffable.
    private const string ResourceName = "Kiwigrid.Emulator.Sites.SimulatedDeviceTemplates.json";

    private static readonly JsonObject Templates = Load();

    /// <summary>The class chain and a fresh copy of the tags of one device kind, placeholders filled in.</summary>
    public static (IReadOnlyList<string> Classes, JsonObject Tags) Get(string kind, IReadOnlyDictionary<string, string> placeholders)
    {
        var template = Templates[kind]?.AsObject() ?? throw new ArgumentException($"No device template {kind}.", nameof(kind));
        var classes = template["classes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        var tags = (JsonObject)Fill(template["tags"]!, placeholders)!;
        return (classes, tags);
    }

    private static JsonObject Load()
    {
        using var stream = typeof(SimulatedDeviceTemplates).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The emulator was built without its resource {ResourceName}.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, string> placeholders)
    {
        switch (node)
        {
            case JsonObject obj:
                var filledObject = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    filledObject[Replace(name, placeholders)] = Fill(value, placeholders);
                }

                return filledObject;
            case JsonArray array:
                return new JsonArray(array.Select(item => Fill(item, placeholders)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Replace(text, placeholders));
            default:
                return node?.DeepClone();
        }
    }

    private static string Replace(string text, IReadOnlyDictionary<string, string> placeholders)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        foreach (var (key, value) in placeholders)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
