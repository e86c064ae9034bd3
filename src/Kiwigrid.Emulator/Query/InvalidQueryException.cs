namespace Kiwigrid.Emulator.Query;

/// <summary>A <c>getDevices</c> query the emulator refuses; the message names the problem and becomes a 400 reply.</summary>
internal sealed class InvalidQueryException(string message) : Exception(message);
