using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Common;
using CleanProfiles.Domain.Profiles;

namespace CleanProfiles.Application.Community.ListCommunity;

/// <summary>The opaque position of the next page: the last (name, id) of a page, as base64url JSON.</summary>
public static class CommunityCursor
{
    private const int MaxEncodedLength = 1024;

    public static string Encode(CommunityPosition position) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload(position.Name, position.UserId)));

    public static bool TryDecode(string cursor, [NotNullWhen(true)] out CommunityPosition? position)
    {
        position = null;
        if (cursor.Length is 0 or > MaxEncodedLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(cursor));
            // The name part goes into the query: only text a stored name could be (PostgreSQL refuses NUL with an error).
            if (payload is not { N: { Length: > 0 and <= UserProfile.NameMaxLength } name } || payload.I == Guid.Empty
                || Text.IsNotText(name))
            {
                return false;
            }

            position = new CommunityPosition(name, payload.I);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Malformed JSON, or JSON text that is not valid UTF-16 (a lone surrogate escape).
            return false;
        }
    }

    private sealed record Payload(string N, Guid I);
}
