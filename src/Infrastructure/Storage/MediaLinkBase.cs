namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// Where the local-disk store's links start for the current request: the address the browser reached the API at and the
/// path the web layer serves media under (for example <c>https://api.example.com/media/</c>). The host supplies it per
/// request scope; the store only appends the key and its signature.
/// </summary>
public sealed record MediaLinkBase
{
    public MediaLinkBase(Uri value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsAbsoluteUri || !value.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException("A media link base is an absolute URL ending with '/'.", nameof(value));
        }

        Value = value;
    }

    public Uri Value { get; }
}
