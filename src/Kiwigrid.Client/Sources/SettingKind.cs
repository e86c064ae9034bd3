namespace Kiwigrid.Client.Sources;

/// <summary>What kind of value a <see cref="SiteSetting"/> takes.</summary>
public enum SettingKind
{
    /// <summary>One of a fixed set of values (<see cref="SiteSetting.AllowedValues"/>), e.g. an optimisation mode.</summary>
    Choice,

    /// <summary>On or off (<see cref="SiteSetting.AllowedValues"/> names the two spellings, e.g. <c>ON</c>, <c>OFF</c>).</summary>
    Switch,

    /// <summary>A number, perhaps bounded (<see cref="SiteSetting.Minimum"/>, <see cref="SiteSetting.Maximum"/>), e.g. a battery reserve in %.</summary>
    Number,
}
