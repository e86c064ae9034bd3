using Kiwigrid.Cli;

return await KiwigridCli.RunAsync(args, CliContext.ForProcess(), handleCtrlC: true).ConfigureAwait(false);
