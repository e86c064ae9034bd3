using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary>
/// <c>kiwigrid set &lt;device&gt; &lt;setting&gt; &lt;value&gt;</c>: changes one setting and prints before → after as
/// read back; <c>--dry-run</c> prints the request instead of sending it. A value the setting does not take is refused
/// here, with what it takes, before anything is sent.
/// </summary>
internal sealed class SetCommand : SiteCommand
{
    private readonly Argument<string> _device = new("device")
    {
        Description = "The device: its guid, its name, or its kind when only one has it.",
    };

    private readonly Argument<string> _setting = new("setting")
    {
        Description = "The setting, as 'kiwigrid settings' lists it, e.g. switch_state or StateOfChargeMinimum.",
    };

    private readonly Argument<string> _value = new("value")
    {
        Description = "The new value, e.g. OFF, PV_EXCESS or 20.",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Print the request that would change the setting (method, path, body) and send nothing.",
    };

    public SetCommand(CliContext context)
        : base("set", "Change one setting of a device and print it before and after, as read back.", context)
    {
        Arguments.Add(_device);
        Arguments.Add(_setting);
        Arguments.Add(_value);
        Options.Add(_dryRun);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var dryRun = parseResult.GetValue(_dryRun);
        await using var site = await OpenSiteAsync(parseResult, SiteCapabilities.Settings | SiteCapabilities.Control, cancellationToken).ConfigureAwait(false);
        if (dryRun && site is not ISettingChangePreview)
        {
            throw new CliUsageException($"{SiteSubject.Of(site)} cannot show a change without making it; leave out --dry-run.");
        }

        var settings = await site.GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        var ofDevice = await SettingSelector.OfDeviceAsync(site, settings, parseResult.GetValue(_device)!, cancellationToken).ConfigureAwait(false);
        var setting = SettingSelector.Find(ofDevice, parseResult.GetValue(_setting)!);
        var value = Checked(() => setting.Normalize(parseResult.GetValue(_value)!));
        var console = Context.Console;
        var json = parseResult.GetValue(Json);
        if (dryRun)
        {
            var request = await Checked(() => ((ISettingChangePreview)site).PreviewChangeAsync(setting.DeviceId, setting.Name, value, cancellationToken)).ConfigureAwait(false);
            console.WriteRawLine(json
                ? JsonText.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("method", request.Method);
                    w.WriteString("target", request.Target);
                    w.WriteString("body", request.Body);
                    w.WriteEndObject();
                })
                : $"Would send (dry run, nothing sent):\n{request.Method} {request.Target}\n{request.Body}");
            return ExitCodes.Ok;
        }

        var change = await Checked(() => site.ChangeSettingAsync(setting.DeviceId, setting.Name, value, cancellationToken)).ConfigureAwait(false);
        console.WriteRawLine(json
            ? JsonText.Write(w => SettingJson.WriteChange(w, change, value))
            : SettingTable.Change(change, value));
        return ExitCodes.Ok;
    }

    /// <summary>A value or setting the source will not take is a usage error in the source's own sentence.</summary>
    private static T Checked<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(Sentence(e));
        }
    }

    private static async Task<T> Checked<T>(Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(Sentence(e));
        }
    }

    /// <summary>The message without .NET's " (Parameter 'value')".</summary>
    private static string Sentence(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
