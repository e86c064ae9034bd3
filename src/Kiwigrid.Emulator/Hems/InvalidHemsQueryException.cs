namespace Kiwigrid.Emulator.Hems;

/// <summary>An analytics query the API refuses with 400; the message is the one sentence the client sees.</summary>
internal sealed class InvalidHemsQueryException(string message) : Exception(message);
