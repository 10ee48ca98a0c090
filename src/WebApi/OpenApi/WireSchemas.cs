using System.Reflection;
using System.Text.Json.Serialization;
using CleanProfiles.Application.Auth;
using CleanProfiles.Application.Community.ListCommunity;
using CleanProfiles.Application.Profiles;
using CleanProfiles.WebApi.Json;
using Microsoft.OpenApi;

namespace CleanProfiles.WebApi.OpenApi;

/// <summary>
/// The names and descriptions the OpenAPI document gives the application's DTOs that travel as they are: the wire's
/// vocabulary (what a client generator calls them), not the application's.
/// </summary>
internal static class WireSchemas
{
    private static readonly Dictionary<Type, (string Id, string? Description)> Schemas = new()
    {
        [typeof(AccessTokenDto)] = ("TokenResponse", "A bearer token for the Authorization header."),
        [typeof(ProfileDto)] = ("ProfileResponse",
            "A profile's public fields. The picture is a signed URL of the stored picture (longest side at most 1024 px);\n"
            + "the thumbnail a signed URL of its 256 x 256 square crop, for lists. Both are null without a picture."),
        [typeof(CommunityPageDto)] = ("CommunityResponse", null),
    };

    public static string IdOf(Type type) => Schemas.TryGetValue(type, out var schema) ? schema.Id : type.Name;

    public static string? DescriptionOf(Type type) => Schemas.TryGetValue(type, out var schema) ? schema.Description : null;

    /// <summary>Lists first the properties the serializer writes first (<see cref="JsonPropertyOrderAttribute"/> below zero).</summary>
    public static void OrderAsSerialized(OpenApiSchema schema, Type type)
    {
        var first = type.GetProperties()
            .Where(p => p.GetCustomAttribute<JsonPropertyOrderAttribute>()?.Order < 0)
            .Select(p => WireNamingPolicy.Instance.ConvertName(p.Name))
            .ToHashSet();
        if (first.Count == 0 || schema.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        schema.Properties = properties.OrderBy(p => first.Contains(p.Key) ? 0 : 1).ToDictionary(p => p.Key, p => p.Value);
    }
}
