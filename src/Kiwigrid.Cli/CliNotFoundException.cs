namespace Kiwigrid.Cli;

/// <summary>The device or tag named on the command line does not exist; exits with code 1.</summary>
internal sealed class CliNotFoundException(string message) : Exception(message);
