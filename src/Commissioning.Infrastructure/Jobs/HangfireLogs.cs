using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace Commissioning.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log output, into the service's logging. Hangfire keeps one log provider for the whole process; this one
/// writes to the logger factory of the app that started last and, once that app has stopped, writes nothing rather
/// than fail, so that several apps in one process (as in the tests) start and stop in any order.
/// </summary>
internal sealed class HangfireLogs : HangfireLog.ILogProvider
{
    private static volatile ILoggerFactory? _factory;

    public static void WriteTo(ILoggerFactory factory) => _factory = factory;

    public HangfireLog.ILog GetLogger(string name) => new ForwardingLog(name);

    private sealed class ForwardingLog(string name) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try
            {
                if (_factory?.CreateLogger(name) is not { } created)
                {
                    return false;
                }

                logger = created;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            if (logger.IsEnabled(level))
            {
#pragma warning disable CA2254 // Hangfire hands over finished messages, not templates.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
            }

            return true;
        }
    }
}
