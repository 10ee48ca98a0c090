using CleanProfiles.Application.Common.Exceptions;
using NUnit.Framework.Constraints;

namespace CleanProfiles.Application.UnitTests;

/// <summary>Constraints on the application error a use case throws.</summary>
internal static class Fails
{
    public static IResolveConstraint With(ErrorKind kind) =>
        Throws.InstanceOf<ApplicationErrorException>().With.Property(nameof(ApplicationErrorException.Kind)).EqualTo(kind);
}
