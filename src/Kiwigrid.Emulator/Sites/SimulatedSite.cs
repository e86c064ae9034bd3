using System.Text.Json.Nodes;

using Kiwigrid.Emulator.Devices;
using Kiwigrid.Emulator.Query;
using Kiwigrid.Emulator.Simulation;

namespace Kiwigrid.Emulator.Sites;

/// <summary>
/// A home whose devices follow a physically consistent simulation (PV, house, battery, grid, optional EV). Its
/// clock is <c>Start + (clock now − clock at creation) × SpeedFactor</c>; <see cref="Update"/> steps the
/// simulation up to that time in fixed steps and writes the values, stamped with simulated time. Settings written
/// through <c>mergeDevice</c> or the HEMS API (<c>StateOfChargeMinimum</c>, <c>ModeStation</c>, <c>ModeRelay</c>, the
/// optimization mode) take effect on the next update.
/// </summary>
public sealed class SimulatedSite : ISite
{
    // Bounds the work of one update: a longer gap is covered with proportionally longer steps.
    private const int MaxStepsPerUpdate = 20_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _clockAtStart;
    private readonly SimulationOptions _options;
    private readonly HomeSimulation _home;
    private readonly SimulatedDevices _devices;
    private HomeSettings _settings;

    /// <summary>
    /// Builds the site's devices and simulates from <see cref="SimulationOptions.Start"/> − <see cref="SimulationOptions.RunUp"/>
    /// to the first step that ends at or after <see cref="SimulationOptions.Start"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range or the time zone is unknown.</exception>
    public SimulatedSite(SimulationOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();

        _options = options;
        _clock = timeProvider;
        _clockAtStart = timeProvider.GetUtcNow();
        _home = new HomeSimulation(options, FindTimeZone(options.TimeZoneId), options.Origin - options.StepLength);
        _devices = new SimulatedDevices(options);
        _settings = new HomeSettings(options.MinimumStateOfCharge, EvStationEnabled: true);

        _devices.Install(Devices, options.Start - options.StepLength);
        lock (_gate)
        {
            // The run-up in the same steps the history export retraces, then the first step that ends at Start.
            do
            {
                _home.Step(options.StepLength, _settings);
            }
            while (_home.Time < options.Start);

            Devices.SetMany(_devices.Readings(_home, _home.Time, _settings), _home.Time);
        }
    }

    /// <inheritdoc />
    public DeviceStore Devices { get; } = new();

    /// <summary>The simulated time the devices' values describe (the end of the last step).</summary>
    public DateTimeOffset SimulatedNow
    {
        get
        {
            lock (_gate)
            {
                return _home.Time;
            }
        }
    }

    /// <summary>The options the site was built with; the history export recomputes the past from them.</summary>
    internal SimulationOptions Options => _options;

    /// <summary>The Location's guid (<c>urn:kiwigrid:location:&lt;serial&gt;:0</c>), the device holding the energy flows.</summary>
    public string LocationGuid => _devices.Location;

    /// <summary>The Battery flex's guid; its <c>StateOfChargeMinimum</c> is writable.</summary>
    public string BatteryGuid => _devices.Battery;

    /// <summary>The Keba wallbox's guid, null without one; its <c>ModeStation</c> is writable (<c>OFF</c> stops charging).</summary>
    public string? EvStationGuid => _devices.EvStation;

    /// <summary>The myStrom plug's guid, null without one; its <c>ModeRelay</c> is writable (<c>OFF</c> cuts its appliance).</summary>
    public string? PlugGuid => _devices.Plug;

    /// <inheritdoc />
    public void Update()
    {
        lock (_gate)
        {
            var target = _options.Start + ((_clock.GetUtcNow() - _clockAtStart) * _options.SpeedFactor);
            var step = _options.StepLength;
            var due = (target - _home.Time).Ticks / step.Ticks;
            if (due <= 0)
            {
                return;
            }

            var corrections = ReadSettings();
            var steps = Math.Min(due, MaxStepsPerUpdate);
            var length = due == steps ? step : TimeSpan.FromTicks(due * step.Ticks / steps);
            for (var i = 0; i < steps; i++)
            {
                _home.Step(length, _settings);
            }

            var readings = _devices.Readings(_home, _home.Time, _settings);
            readings.AddRange(corrections);
            Devices.SetMany(readings, _home.Time);
        }
    }

    /// <summary>Takes valid settings from the store; invalid ones are put back to the value in force.</summary>
    private List<(string Guid, string TagName, JsonNode? Value)> ReadSettings()
    {
        var corrections = new List<(string, string, JsonNode?)>();
        var minimum = Devices.GetValue(_devices.Battery, WritableSettings.MinimumStateOfCharge);
        if (DocumentPath.TryNumber(minimum, out var percent) && percent is >= 0 and <= 100)
        {
            _settings = _settings with { MinimumStateOfCharge = percent };
        }
        else
        {
            corrections.Add((_devices.Battery, WritableSettings.MinimumStateOfCharge, _settings.MinimumStateOfCharge));
        }

        if (_devices.EvStation is not null)
        {
            var off = IsText(Devices.GetValue(_devices.EvStation, WritableSettings.StationMode), "OFF");
            _settings = _settings with { EvStationEnabled = !off, EvFromSurplusOnly = FromSurplusOnly(_devices.EvStation) };
        }

        if (_devices.Plug is not null)
        {
            _settings = _settings with
            {
                PlugEnabled = !IsText(Devices.GetValue(_devices.Plug, WritableSettings.PlugRelay), "OFF"),
                PlugFromSurplusOnly = FromSurplusOnly(_devices.Plug),
            };
        }

        return corrections;
    }

    private bool FromSurplusOnly(string guid) => IsText(Devices.GetValue(guid, WritableSettings.OptimizationMode), "PV_EXCESS");

    private static bool IsText(JsonNode? value, string expected) =>
        value is JsonValue text && text.TryGetValue<string>(out var name) && string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id), e);
        }
    }
}
