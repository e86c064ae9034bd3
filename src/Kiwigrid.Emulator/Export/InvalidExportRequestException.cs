namespace Kiwigrid.Emulator.Export;

/// <summary>An export request the backend refuses; the message is one sentence naming the field and becomes a 400 reply.</summary>
internal sealed class InvalidExportRequestException(string message) : Exception(message);
