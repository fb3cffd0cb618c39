using Microsoft.Extensions.Logging;

namespace Confcom.DevicePlugin.Tests.Support;

/// <summary>Routes the plugin's and the emulator's logs into the test output, so a failing test shows the daemon's story.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    public static ILoggerFactory Factory(ITestOutputHelper output, ILoggerProvider? also = null) =>
        LoggerFactory.Create(b =>
        {
            b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
            if (also is not null)
            {
                b.AddProvider(also);
            }
        });

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; its output helper no longer accepts lines.
            }
        }
    }
}
