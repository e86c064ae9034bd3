namespace Kiwigrid.Cli;

/// <summary>The command line asks for something impossible (bad URL, no credentials); exits with code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
