using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CleanProfiles.Infrastructure.IntegrationTests.Support;

/// <summary>Just enough of a host for the stores that resolve relative paths against the content root.</summary>
internal sealed class FakeHostEnvironment(string contentRootPath) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Production;

    public string ApplicationName { get; set; } = "CleanProfiles.Infrastructure.IntegrationTests";

    public string ContentRootPath { get; set; } = contentRootPath;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
