using FluentValidation;

namespace CleanProfiles.Application.Community.ListCommunity;

public sealed class ListCommunityValidator : AbstractValidator<ListCommunityQuery>
{
    public ListCommunityValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListCommunityQuery.MaxLimit)
            .WithMessage($"limit must be between 1 and {ListCommunityQuery.MaxLimit}.");
        RuleFor(q => q.Cursor)
            .Must(c => c is null || CommunityCursor.TryDecode(c, out _))
            .WithMessage("cursor is not a next_cursor value returned by this endpoint.");
    }
}
