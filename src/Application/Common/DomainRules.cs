using FluentValidation;

namespace CleanProfiles.Application.Common;

public static class DomainRules
{
    /// <summary>
    /// Applies a rule the domain states (a function answering why a value breaks it, or null) to a property, so the rule
    /// lives once, in the domain, and its breach is still reported per property before anything changes.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> MustKeep<T, TProperty>(
        this IRuleBuilder<T, TProperty> rule, Func<TProperty, string?> problem) =>
        rule.Must(value => problem(value) is null).WithMessage((_, value) => problem(value)!);
}
