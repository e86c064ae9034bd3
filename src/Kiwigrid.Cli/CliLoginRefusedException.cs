namespace Kiwigrid.Cli;

/// <summary>A device's own login (not the portal's) refused the user name or password; exits with code 3.</summary>
internal sealed class CliLoginRefusedException(string message, Exception innerException) : Exception(message, innerException);
