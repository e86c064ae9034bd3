namespace Kiwigrid.Emulator.Hosting;

/// <summary>One of the cloud's hosts the emulator plays, each also served on its own loopback origin.</summary>
public enum EmulatedHost
{
    /// <summary>The 2018 login server (<c>auth.energy-manager.de</c>): <c>/login</c>, <c>/authorize</c>.</summary>
    LegacyLogin,

    /// <summary>The 2018 desktop (<c>desktop.energy-manager.de</c>): the code grant, <c>/index.html</c>, <c>/js/context.js</c>.</summary>
    Desktop,

    /// <summary>The SockJS event bus (<c>/kiwibus</c>).</summary>
    EventBus,

    /// <summary>The CSV export backend (<c>/v1.0/export</c>).</summary>
    Export,

    /// <summary>A local Energy Manager on the LAN (<c>/rest/kiwigrid/wizard/devices</c>).</summary>
    LocalEnergyManager,

    /// <summary>The SOLARWATT OneID identity provider: the OneID realm (<c>/auth/realms/oneid/…</c>).</summary>
    OneId,

    /// <summary><c>auth.energymanager.com</c>: the <c>solarwatt</c> realm (<c>/auth/realms/solarwatt/…</c>) that brokers to OneID.</summary>
    SolarwattAuth,

    /// <summary>The portal <c>new.energymanager.com</c>: <c>/rest/auth/auth_grant</c>, <c>/context</c>.</summary>
    EnergyPortal,

    /// <summary>The HEMS REST API <c>hems.kiwigrid.com</c> (<c>/v11/…</c>).</summary>
    HemsApi,

    /// <summary>
    /// A SOLARWATT Manager flex/rail on the LAN (<c>/auth/login</c>, <c>/rest/…</c>), only when
    /// <see cref="EmulatorOptions.Manager"/> is set, and only on its own origin: the main origin plays the classic
    /// Energy Manager.
    /// </summary>
    Manager,
}
