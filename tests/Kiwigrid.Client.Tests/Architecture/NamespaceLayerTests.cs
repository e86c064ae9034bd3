using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Sources;
using Kiwigrid.Client.Watch;

namespace Kiwigrid.Client.Tests.Architecture;

/// <summary>
/// The client library's layers, lowest first (the picture is in docs/ARCHITECTURE.md, "Client layers"). A type may use
/// types of lower layers and of its own namespace within its own layer; a reference to a higher layer, or sideways to
/// another namespace of the same layer, is a back-reference that makes the layers inseparable again.
/// </summary>
public sealed class NamespaceLayerTests
{
    private const string Root = "Kiwigrid.Client";

    // Each layer: the namespaces it holds, and single types placed apart from their namespace's layer. The façade and
    // the site sources sit above the readers whose namespaces they share (their namespace names the backend).
    private static readonly (string Name, string[] Namespaces, Type[] Types)[] Layers =
    [
        ("foundation: exceptions and shared helpers", [Root], []),
        ("model", [$"{Root}.Devices", $"{Root}.Counters"], []),
        ("transport: bytes and frames", [$"{Root}.SockJs"], []),
        ("settings", [], [typeof(KiwigridClientOptions)]),
        ("messages, and auth beside them", [$"{Root}.EventBus", $"{Root}.Auth"], []),
        ("services", [$"{Root}.Services"], []),
        ("history export", [$"{Root}.History"], []),
        ("watch", [$"{Root}.Watch"], []),
        ("site-source contracts", [$"{Root}.Sources"], []),
        ("today's cloud (HEMS)", [$"{Root}.Hems"], []),
        ("Manager flex", [$"{Root}.Manager"], []),
        ("LAN Energy Manager", [$"{Root}.Local"], []),
        ("LAN watch", [], [typeof(LocalEnergyManagerWatch)]),
        ("façade", [], [typeof(KiwigridClient)]),
        ("site sources over the façade and the LAN", [], [typeof(LegacyCloudSource), typeof(LocalEnergyManagerSource)]),
    ];

    [Fact]
    public void Every_reference_between_the_client_librarys_namespaces_points_down_the_layers()
    {
        var backReferences = TypeReferences.In(typeof(Device).Assembly)
            .Where(edge => IsLibraryType(edge.User) && IsLibraryType(edge.Used) && !Allowed(edge.User, edge.Used))
            .Select(edge => $"{edge.User.FullName} ({LayerOf(edge.User).Name}) uses {edge.Used.FullName} ({LayerOf(edge.Used).Name})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(backReferences.Count == 0, "References against the layer order:\n" + string.Join('\n', backReferences));
    }

    [Fact]
    public void Every_namespace_of_the_client_library_has_a_layer()
    {
        var unplaced = typeof(Device).Assembly.GetTypes()
            .Where(IsLibraryType)
            .Select(type => type.Namespace!)
            .Distinct()
            .Where(ns => !Layers.Any(layer => layer.Namespaces.Contains(ns)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unplaced.Count == 0, "Namespaces with no layer (add them to the picture): " + string.Join(", ", unplaced));
    }

    private static bool Allowed(Type user, Type used)
    {
        var (userRank, usedRank) = (Rank(user), Rank(used));
        return usedRank < userRank || (usedRank == userRank && used.Namespace == user.Namespace);
    }

    // Compiler- and generator-made types outside the library's namespaces (regex, private details) are not layered.
    private static bool IsLibraryType(Type type) =>
        type.Namespace is { } ns && (ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal));

    private static int Rank(Type type)
    {
        var byType = Array.FindIndex(Layers, layer => layer.Types.Contains(type));
        return byType >= 0 ? byType : Array.FindIndex(Layers, layer => layer.Namespaces.Contains(type.Namespace));
    }

    private static (string Name, string[] Namespaces, Type[] Types) LayerOf(Type type) => Layers[Rank(type)];
}
