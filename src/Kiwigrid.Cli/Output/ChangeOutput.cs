using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiwigrid.Client.Devices;
using Kiwigrid.Client.Watch;
using Kiwigrid.Hosting.Views;
using Spectre.Console;

namespace Kiwigrid.Cli.Output;

/// <summary>How <c>watch</c> and <c>export --watch</c> print values over time: text lines, NDJSON, CSV.</summary>
internal static class ChangeOutput
{
    public const string CsvHeader = "time,guid,device,tag,value,unit";

    /// <summary>
    /// For example <c>12:00:15  Battery  StateOfCharge  71 → 72.4 %</c>. A tag change names the device by its name
    /// alone, so a line stays short (a guid is up to 40 characters); the guid follows when the name does not tell
    /// the device apart (<paramref name="nameIsAmbiguous"/>, or no name), and on the lines that add or remove a device.
    /// A line wider than <paramref name="width"/> (a terminal's columns) goes on over indented lines, broken between
    /// its fields and never inside a name, a guid or a value; without a width it stays one line (a pipe, a file).
    /// </summary>
    public static string Text(DateTimeOffset at, DeviceChange change, bool nameIsAmbiguous, int? width = null)
    {
        var time = at.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var withGuid = $"{change.Device.Name ?? "(unnamed)"} ({change.Guid})";
        (string Before, string Text)[] fields = change.Kind switch
        {
            DeviceChangeKind.DeviceAdded => [(string.Empty, time), ("  ", withGuid), ("  ", "added")],
            DeviceChangeKind.DeviceRemoved => [(string.Empty, time), ("  ", withGuid), ("  ", "removed")],
            _ =>
            [
                (string.Empty, time),
                ("  ", nameIsAmbiguous || change.Device.Name is null ? withGuid : change.Device.Name),
                ("  ", change.TagName ?? string.Empty),
                ("  ", ValueOrNone(change.Before) + " →"),
                (" ", ValueOrNone(change.After) + (Unit(change) is { } unit ? " " + unit : string.Empty)),
            ],
        };

        var line = string.Concat(fields.Select(f => f.Before + f.Text));
        return width is { } columns && line.GetCellWidth() > columns ? Fold(fields, columns) : line;
    }

    /// <summary>
    /// The fields on as few lines of at most <paramref name="width"/> columns as they fit, each field whole and the
    /// later lines indented past the time.
    /// </summary>
    private static string Fold((string Before, string Text)[] fields, int width)
    {
        var indent = new string(' ', fields[0].Text.Length + 2);
        var text = new StringBuilder(fields[0].Text);
        var column = fields[0].Text.GetCellWidth();
        foreach (var (before, field) in fields.Skip(1))
        {
            var fieldWidth = field.GetCellWidth();
            if (column + before.Length + fieldWidth <= width)
            {
                text.Append(before).Append(field);
                column += before.Length + fieldWidth;
            }
            else
            {
                text.Append('\n').Append(indent).Append(field);
                column = indent.Length + fieldWidth;
            }
        }

        return text.ToString();
    }

    /// <summary>Whether a tag change shows the same before and after once rounded for display: float noise, not news.</summary>
    public static bool IsNoise(DeviceChange change) =>
        change.Kind == DeviceChangeKind.TagChanged && change.Before is { } before && change.After is { } after
        && DeviceText.Value(before) == DeviceText.Value(after);

    /// <summary>One change as one line of JSON.</summary>
    public static string Json(DateTimeOffset at, DeviceChange change) => JsonText.Write(
        json =>
        {
            json.WriteStartObject();
            json.WriteString("time", at);
            json.WriteString("change", change.Kind switch
            {
                DeviceChangeKind.DeviceAdded => "deviceAdded",
                DeviceChangeKind.DeviceRemoved => "deviceRemoved",
                _ => "tagChanged",
            });
            json.WriteString("guid", change.Guid);
            json.WriteString("device", change.Device.Name);
            if (change.TagName is not null)
            {
                json.WriteString("tag", change.TagName);
                json.WritePropertyName("before");
                DeviceJson.WriteDisplayValue(json, change.Before);
                json.WritePropertyName("after");
                DeviceJson.WriteDisplayValue(json, change.After);
                json.WriteString("unit", Unit(change));
            }

            json.WriteEndObject();
        },
        indented: false);

    /// <summary>One tag value at one time as one line of JSON, as the device sent it (full precision).</summary>
    public static string ValueJson(DateTimeOffset at, Device device, TagValue tag) => JsonText.Write(
        json =>
        {
            json.WriteStartObject();
            json.WriteString("time", at);
            json.WriteString("guid", device.Guid);
            json.WriteString("device", device.Name);
            json.WriteString("tag", tag.Name);
            json.WritePropertyName("value");
            DeviceJson.WriteValue(json, tag);
            json.WriteString("unit", tag.Unit);
            json.WriteEndObject();
        },
        indented: false);

    /// <summary>One tag value at one time as one CSV record (RFC 4180 quoting).</summary>
    public static string ValueCsv(DateTimeOffset at, Device device, TagValue tag) => string.Join(
        ',',
        Csv(at.ToString("O", CultureInfo.InvariantCulture)),
        Csv(device.Guid),
        Csv(device.Name ?? string.Empty),
        Csv(tag.Name),
        Csv(tag.Value.ValueKind == JsonValueKind.Null ? string.Empty : DeviceText.RawValue(tag)),
        Csv(tag.Unit ?? string.Empty));

    private static string ValueOrNone(TagValue? tag) => tag is null ? "(none)" : DeviceText.Value(tag);

    private static string? Unit(DeviceChange change) => (change.After ?? change.Before)?.Unit;

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
