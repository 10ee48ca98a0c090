using FluentValidation;

namespace CleanProfiles.Application.Community.ListCommunity;

public sealed class ListCommunityValidator : AbstractValidator<ListCommunityQuery>
{
    public ListCommunityValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListCommunityQuery.MaxLimit)
            .WithMessage($"The limit must be between 1 and {ListCommunityQuery.MaxLimit}.");
    }
}
