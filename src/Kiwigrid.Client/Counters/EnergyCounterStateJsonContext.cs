using System.Text.Json.Serialization;

namespace Kiwigrid.Client.Counters;

/// <summary>Source-generated JSON for the state file (no reflection, so the native CLI can write it).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(EnergyCounterState))]
internal sealed partial class EnergyCounterStateJsonContext : JsonSerializerContext;
