using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanProfiles.Application.Common.Behaviors;

/// <summary>Logs which use case ran and how long it took. Never the message itself: it carries passwords, emails and uploads.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageType = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogHandled(logger, MessageType, elapsedMs);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {MessageType} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageType, double elapsedMs);
}
