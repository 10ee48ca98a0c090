namespace CleanProfiles.Infrastructure.Storage;

/// <summary>Where the API is reachable from a browser; the web layer answers from the current request.</summary>
public interface IPublicBaseUrlProvider
{
    Uri GetBaseUrl();
}
