namespace CleanProfiles.WebApi.Uploads;

/// <summary>
/// Marks the picture upload. <see cref="PictureUploadLimits"/> gives it the framework's request body and form limits
/// (derived from <c>Pictures:MaxBytes</c>), and the OpenAPI document describes its multipart body.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PictureUploadAttribute : Attribute;
