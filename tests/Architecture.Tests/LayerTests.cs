namespace CleanProfiles.Architecture.Tests;

/// <summary>
/// The dependency rule, enforced on the compiled assemblies: what each layer references and which types it uses, from
/// its metadata. Domain and Application use no framework stack; EF Core, the AWS SDK and NetVips stay in
/// Infrastructure; ASP.NET Core stays in WebApi.
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] EfCore = ["Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw"];
    private static readonly string[] Aws = ["AWSSDK"];
    private static readonly string[] NetVips = ["NetVips"];

    // ASP.NET Core by assembly. Its Identity password hasher is a plain library (Microsoft.Extensions.Identity.Core),
    // which Infrastructure uses without any of the web stack.
    private static readonly string[] AspNetCore = ["Microsoft.AspNetCore", "Swashbuckle", "Microsoft.Net.Http.Headers"];

    private static readonly string[] OwnLayers = ["CleanProfiles.Domain", "CleanProfiles.Application", "CleanProfiles.Infrastructure", "CleanProfiles.WebApi"];

    public static IEnumerable<TestCaseData> ForbiddenStacks()
    {
        foreach (var stack in new[] { ("EF Core", EfCore), ("the AWS SDK", Aws), ("NetVips", NetVips), ("ASP.NET Core", AspNetCore) })
        {
            yield return new TestCaseData("Domain", stack.Item1, stack.Item2).SetArgDisplayNames("Domain", stack.Item1);
            yield return new TestCaseData("Application", stack.Item1, stack.Item2).SetArgDisplayNames("Application", stack.Item1);
        }

        yield return new TestCaseData("Infrastructure", "ASP.NET Core", AspNetCore).SetArgDisplayNames("Infrastructure", "ASP.NET Core");
        foreach (var stack in new[] { ("EF Core", EfCore), ("the AWS SDK", Aws), ("NetVips", NetVips) })
        {
            yield return new TestCaseData("WebApi", stack.Item1, stack.Item2).SetArgDisplayNames("WebApi", stack.Item1);
        }
    }

    [TestCaseSource(nameof(ForbiddenStacks))]
    public void Layer_UsesNoTypeOfAStackOutsideItsLayer(string layer, string stack, string[] assemblies)
    {
        // Act
        var used = Layer(layer).TypesFrom(assemblies);

        // Assert
        Assert.That(used, Is.Empty, $"{layer} uses {stack}: {string.Join(", ", used)}");
    }

    [TestCase("Domain", new string[0])]
    [TestCase("Application", new[] { "CleanProfiles.Domain" })]
    [TestCase("Infrastructure", new[] { "CleanProfiles.Domain", "CleanProfiles.Application" })]
    public void Layer_ReferencesOnlyTheLayersInsideIt(string layer, string[] allowed)
    {
        // Act
        var own = Layer(layer).TypesByAssembly.Keys.Where(OwnLayers.Contains);

        // Assert
        Assert.That(own, Is.SubsetOf(allowed), $"{layer} reaches outwards");
    }

    [Test]
    public void Domain_ReferencesNothingButTheBaseLibrary()
    {
        // Act
        var references = Layer("Domain").TypesByAssembly.Keys;

        // Assert
        Assert.That(references.Where(r => !r.StartsWith("System", StringComparison.Ordinal) && r is not ("netstandard" or "mscorlib")), Is.Empty);
    }

    [TestCase("Infrastructure", "EF Core")]
    [TestCase("Infrastructure", "the AWS SDK")]
    [TestCase("Infrastructure", "NetVips")]
    [TestCase("WebApi", "ASP.NET Core")]
    public void Stack_IsSeenWhereItBelongs(string layer, string stack)
    {
        // Act: the same reading finds each stack in its own layer, so an empty answer above means absent, not unread.
        var used = Layer(layer).TypesFrom(stack switch
        {
            "EF Core" => EfCore,
            "the AWS SDK" => Aws,
            "NetVips" => NetVips,
            _ => AspNetCore,
        });

        // Assert
        Assert.That(used, Is.Not.Empty);
    }

    private static AssemblyMetadata Layer(string name) =>
        AssemblyMetadata.Read(Path.Combine(AppContext.BaseDirectory, $"CleanProfiles.{name}.dll"));
}
