using Confcom.Cli;

return await CliRunner.RunAsync(ConfcomCommandLine.Create(), args);
