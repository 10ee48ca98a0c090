using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>Wire-level helpers: the tests speak JSON as a browser client would, not the server's C# types.</summary>
public static class ApiClient
{
    public static async Task<string> RegisterAsync(this HttpClient client, string? email = null, string name = "Test User", string password = "correct horse battery")
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, name });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        return body["access_token"]!.GetValue<string>();
    }

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, byte[] content, string fileName = "photo.jpg", string contentType = "image/jpeg", string partName = "file")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, partName, fileName);
        return await client.PostAsync("/api/profile/upload-picture", form);
    }

    /// <summary>Uploads and expects success; returns the response body.</summary>
    public static async Task<JsonObject> UploadOkAsync(this HttpClient client, byte[] content, string fileName = "photo.png")
    {
        using var response = await client.UploadAsync(content, fileName, "image/png");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> UpdateProfileAsync(this HttpClient client, string json) =>
        client.PutAsync("/api/profile/update", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> UpdateProfileAsync(this HttpClient client, object body) =>
        client.PutAsJsonAsync("/api/profile/update", body);

    public static async Task<JsonObject> GetProfileAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/profile");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["profile"]!.AsObject();
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new JsonException($"Not a JSON object: {text}");
    }

    /// <summary>Asserts an RFC 9457 problem with the status, a title, a detail and a trace id; returns it for more checks.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        });
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(problem["status"]?.GetValue<int>(), Is.EqualTo((int)status));
            Assert.That(problem["title"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(problem["detail"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(problem["traceId"]?.GetValue<string>(), Is.Not.Empty);
        });
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonObject> ShouldBeValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]?.AsObject().Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
        return problem;
    }
}
