using System.Diagnostics;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>
/// The app's typed client (src/WebApp/src/api/schema.d.ts) is generated from the OpenAPI document the API serves; when
/// the contract changes, this fails until the client is generated again, so a change cannot break the app silently.
/// </summary>
public sealed class ClientContractTests
{
    private const string Regenerate =
        "Regenerate it: start the API (dotnet run --project src/WebApi), then run `npm run generate:api` in src/WebApp, and commit the result.";

    [Test]
    public async Task GeneratedClient_MatchesTheDocumentTheApiServes()
    {
        var data = Directory.CreateTempSubdirectory("cleanprofiles-contract-").FullName;
        try
        {
            string document;
            await using (var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
                .UseEnvironment("Development")
                .UseSetting("ConnectionStrings:Profiles", $"Data Source={Path.Combine(data, "profiles.db")}")
                .UseSetting("Storage:LocalDisk:RootPath", Path.Combine(data, "media"))
                .UseSetting("Pictures:OrphanSweepInterval", "00:00:00")))
            {
                using var client = factory.CreateClient();
                document = await client.GetStringAsync("/swagger/v1/swagger.json");
            }

            var input = Path.Combine(data, "swagger.json");
            var output = Path.Combine(data, "schema.d.ts");
            await File.WriteAllTextAsync(input, document);
            await RunNodeAsync("scripts/generate-api.mjs", "--input", input, "--output", output);

            var committed = Path.Combine(RepoPaths.WebApp, "src", "api", "schema.d.ts");
            Assert.That(File.Exists(committed), Is.True, $"{committed} is missing. {Regenerate}");
            Assert.That(await File.ReadAllTextAsync(output), Is.EqualTo(await File.ReadAllTextAsync(committed)),
                $"src/WebApp/src/api/schema.d.ts no longer matches the API's OpenAPI document. {Regenerate}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RunNodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.WebApp, RedirectStandardError = true, RedirectStandardOutput = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Node.js 20+ is needed to generate the client types ({e.Message}). Install Node.js and npm.");
            throw;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero, $"node {string.Join(' ', arguments)} failed: {await stderr}. Run npm ci in src/WebApp.");
        }
    }
}
