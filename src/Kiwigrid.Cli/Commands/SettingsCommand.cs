using System.CommandLine;
using Kiwigrid.Cli.Connection;
using Kiwigrid.Cli.Output;
using Kiwigrid.Client.Sources;
using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Cli.Commands;

/// <summary><c>kiwigrid settings [device]</c>: what can be set, with its value now and what it takes.</summary>
internal sealed class SettingsCommand : SiteCommand
{
    private readonly Argument<string?> _device = new("device")
    {
        Description = "Only this device: its guid, its name, or its kind when only one has it.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public SettingsCommand(CliContext context)
        : base("settings", "List what can be set on the installation (or one device), its value now and what it takes.", context)
    {
        Arguments.Add(_device);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        await using var site = await OpenSiteAsync(parseResult, SiteCapabilities.Settings, cancellationToken).ConfigureAwait(false);
        var settings = await site.GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        if (parseResult.GetValue(_device) is { } selector)
        {
            settings = await SettingSelector.OfDeviceAsync(site, settings, selector, cancellationToken).ConfigureAwait(false);
        }

        var console = Context.Console;
        if (parseResult.GetValue(Json))
        {
            console.WriteRawLine(JsonText.Write(json =>
            {
                json.WriteStartArray();
                foreach (var setting in settings)
                {
                    SettingJson.Write(json, setting);
                }

                json.WriteEndArray();
            }));
        }
        else if (settings.Count == 0)
        {
            console.WriteNote($"{SiteSubject.Of(site)} lists nothing that can be set.");
        }
        else
        {
            console.Out.Write(SettingTable.Render(settings));
        }

        return ExitCodes.Ok;
    }
}
