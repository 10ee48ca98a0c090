using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Common;
using FluentValidation;
using Mediator;

namespace CleanProfiles.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler; their failures become one
/// <see cref="ValidationFailedException"/> with every broken property. A domain rule the handler still breaks is invalid
/// input too.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                (failures ??= []).AddRange(result.Errors);
            }
        }

        if (failures is not null)
        {
            // Keys are the message's property names; the web layer alone knows what they are called on the wire.
            throw new ValidationFailedException(failures
                .GroupBy(f => f.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }

        try
        {
            return await next(message, cancellationToken);
        }
        catch (DomainRuleException e)
        {
            // The validators should make this unreachable; if a rule still breaks, it is the caller's input all the same.
            throw new ApplicationErrorException(ErrorKind.Invalid, e.Message, e);
        }
    }
}
