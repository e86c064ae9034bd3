namespace Kiwigrid.Emulator.Export;

/// <summary>What the export backend logs. Tokens never appear.</summary>
internal static partial class ExportLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Export for {UserName}: {Rows} rows of {Columns} columns")]
    public static partial void Exported(ILogger logger, string userName, int rows, int columns);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Export refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);
}
