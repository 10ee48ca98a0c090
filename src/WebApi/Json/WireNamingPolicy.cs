using System.Text.Json;
using CleanProfiles.Application.Profiles.UpdateProfile;
using CleanProfiles.Application.Profiles.UploadPicture;

namespace CleanProfiles.WebApi.Json;

/// <summary>
/// The wire's name for every C# property name, in request and response bodies and in the <c>errors</c> of problems:
/// snake_case, except two names the original contract fixed for a picture key.
/// </summary>
public sealed class WireNamingPolicy : JsonNamingPolicy
{
    private static readonly Dictionary<string, string> ContractNames = new(StringComparer.Ordinal)
    {
        // The upload answers with the new key as "s3Key" (camelCase, as the original did).
        [nameof(UploadedPictureDto.PictureKey)] = "s3Key",
        // A profile's picture key is written to, and validated as, the original's "profile_picture_url".
        [nameof(UpdateProfileCommand.ProfilePictureKey)] = "profile_picture_url",
    };

    private WireNamingPolicy()
    {
    }

    public static WireNamingPolicy Instance { get; } = new();

    public override string ConvertName(string name) =>
        ContractNames.TryGetValue(name, out var wire) ? wire : SnakeCaseLower.ConvertName(name);
}
