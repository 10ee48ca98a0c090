namespace CleanProfiles.WebApi.WebApp;

/// <summary>Where the built browser app is; by default the published <c>webapp</c> folder or the source tree's build.</summary>
public sealed class WebAppOptions
{
    public const string SectionName = "WebApp";

    /// <summary>Folder holding the built app (its <c>index.html</c> and <c>assets/</c>); relative to the content root.</summary>
    public string? RootPath { get; set; }
}
