namespace CleanProfiles.Domain.Common;

/// <summary>A domain rule was broken. Validators at the edge should make this unreachable for user input.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
