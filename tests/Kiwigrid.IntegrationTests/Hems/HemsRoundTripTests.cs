using System.Collections;
using System.Net.Http.Headers;
using System.Text.Json;
using Kiwigrid.Client.Hems;
using Kiwigrid.IntegrationTests.Support;

namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// Every typed call of <see cref="HemsClient"/> against the emulated HEMS API, checked against the same answer read
/// raw: each field the emulator sends with a value reaches the typed result (none is dropped by a name mismatch).
/// </summary>
public class HemsRoundTripTests
{
    [Fact]
    public async Task Every_typed_call_carries_every_field_the_emulator_sends()
    {
        await using var home = await EmulatedHome.StartAsync();
        using var tap = new LoginTap();
        await using var client = await HemsHome.ConnectAsync(home, HemsHome.Options(home) with { HttpMessageHandler = tap });
        var day = DateOnly.FromDateTime(EmulatedHome.MidsummerNoon.Date);

        var calls = new List<(string Path, object? Typed)>
        {
            ("energy-flow", await client.GetEnergyFlowAsync()),
            ("battery", await client.GetBatteriesAsync()),
            ("device", await client.GetDevicesAsync()),
            ("device/optimization", await client.GetDeviceOptimizationsAsync()),
            ("pv-plant", await client.GetPvPlantsAsync()),
            ("evstation", await client.GetEvStationsAsync()),
            ("home/consumption/consumers", await client.GetConsumersAsync()),
            ("user/profile", await client.GetUserProfileAsync()),
            ($"analytics/production?from={day:yyyy-MM-dd}T00:00:00&to={day:yyyy-MM-dd}T23:59:59&type=POWER&isDetailed=true",
                await client.GetAnalyticsAsync(HemsAnalyticsKind.Production, HemsAnalyticsPeriod.DayPower, day)),
            ($"analytics/storage?from={day:yyyy-MM-01}T00:00:00&to={day:yyyy-MM}-30T23:59:59&type=WORK",
                await client.GetAnalyticsAsync(HemsAnalyticsKind.Storage, HemsAnalyticsPeriod.Month, day)),
            ($"analytics/independence?from={day:yyyy-MM-dd}T00:00:00&to={day:yyyy-MM-dd}T23:59:59",
                await client.GetAnalyticsAsync(HemsAnalyticsKind.Independence, HemsAnalyticsPeriod.Day, day)),
        };

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tap.LastBearerToken);
        var dropped = new List<string>();
        foreach (var (path, typed) in calls)
        {
            Assert.NotNull(typed);
            Assert.False(typed is ICollection { Count: 0 }, $"/{path} came back empty");
            using var raw = JsonDocument.Parse(await http.GetStringAsync(new Uri(home.Emulator.HemsApiUri, path)));
            var read = new Dictionary<string, bool>();
            Flatten(typed, read);
            foreach (var key in RawKeys(raw.RootElement))
            {
                var name = Normalize(key);
                if (!read.TryGetValue(name, out var hasValue) || !hasValue)
                {
                    dropped.Add($"/{path.Split('?')[0]}: {key}");
                }
            }
        }

        Assert.True(dropped.Count == 0, string.Join("\n", dropped.Distinct()));
    }

    /// <summary>
    /// Raw keys with a non-null value, at any depth. Left out: an analytics series' timestamps (values, not keys), its
    /// <c>id</c> (<c>guid~name</c>, both read), and <c>config</c>, which only wraps <c>optimization_mode</c>.
    /// </summary>
    private static IEnumerable<string> RawKeys(JsonElement element, string? parent = null)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in element.EnumerateArray().SelectMany(item => RawKeys(item, parent)))
            {
                yield return key;
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
            {
                if (property.Name != "config" && !(parent == "timeseries" && property.Name == "id"))
                {
                    yield return property.Name;
                }

                if (property.Name != "values")
                {
                    foreach (var key in RawKeys(property.Value, property.Name))
                    {
                        yield return key;
                    }
                }
            }
        }
    }

    /// <summary>Each property name of the typed result (normalized) and whether any instance of it has a value.</summary>
    private static void Flatten(object? value, Dictionary<string, bool> read)
    {
        if (value is IEnumerable items and not string and not IDictionary)
        {
            foreach (var item in items)
            {
                Flatten(item, read);
            }

            return;
        }

        if (value is null || value.GetType().Namespace != typeof(HemsClient).Namespace)
        {
            return; // a number, a string, a time: a leaf
        }

        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            var child = property.GetValue(value);
            var name = Normalize(property.Name);
            read[name] = (read.TryGetValue(name, out var had) && had) || child is not null and not ICollection { Count: 0 };
            Flatten(child, read);
        }
    }

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
    {
        // The typed names that say more than the wire's.
        "SOC" => "STATEOFCHARGE",
        "TIMESERIES" => "SERIES",
        "STATEDEVICE" => "STATE",
        "GUID" => "DEVICEID",
        "INFROMGRID" => "BATTERYINFROMGRID",
        "OUTTOGRID" => "BATTERYOUTTOGRID",
        "BIDIRECTIONAL" => "EVBIDIRECTIONAL",
        "SUPPORTEDOPTIMIZATIONMODES" => "SUPPORTEDMODES",
        "OPTIMIZATIONMODE" => "MODE",
        var other => other,
    };
}
