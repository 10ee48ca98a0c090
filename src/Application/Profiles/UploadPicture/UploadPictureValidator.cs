using FluentValidation;

namespace CleanProfiles.Application.Profiles.UploadPicture;

public sealed class UploadPictureValidator : AbstractValidator<UploadPictureCommand>
{
    public UploadPictureValidator()
    {
        RuleFor(c => c.File).Must(file => !file.IsEmpty).WithMessage("The upload is empty.");
    }
}
