using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CleanProfiles.Architecture.Tests;

/// <summary>What an assembly uses, read from its metadata: the assemblies it references and every type it uses from each.</summary>
public sealed class AssemblyMetadata
{
    private AssemblyMetadata(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> typesByAssembly)
    {
        Name = name;
        TypesByAssembly = typesByAssembly;
    }

    public string Name { get; }

    /// <summary>Referenced assembly name to the full names of the types used from it (empty for a reference with no type used).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TypesByAssembly { get; }

    public static AssemblyMetadata Read(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var types = metadata.AssemblyReferences.ToDictionary(
            h => metadata.GetString(metadata.GetAssemblyReference(h).Name), _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            if (ScopeOf(metadata, type) is { } assembly)
            {
                types[assembly].Add(FullName(metadata, type));
            }
        }

        return new AssemblyMetadata(
            metadata.GetString(metadata.GetAssemblyDefinition().Name),
            types.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value.ToList()));
    }

    /// <summary>The types this assembly uses from assemblies whose names start with one of <paramref name="prefixes"/>.</summary>
    public IReadOnlyList<string> TypesFrom(IEnumerable<string> prefixes) => TypesByAssembly
        .Where(a => prefixes.Any(p => a.Key.Equals(p, StringComparison.Ordinal) || a.Key.StartsWith(p + ".", StringComparison.Ordinal)))
        .SelectMany(a => a.Value.Count == 0 ? [$"[{a.Key}]"] : a.Value.Select(t => $"[{a.Key}] {t}"))
        .ToList();

    private static string? ScopeOf(MetadataReader metadata, TypeReference type) => type.ResolutionScope.Kind switch
    {
        HandleKind.AssemblyReference => metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name),
        HandleKind.TypeReference => ScopeOf(metadata, metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope)),
        _ => null, // this module's own types
    };

    private static string FullName(MetadataReader metadata, TypeReference type) =>
        type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{FullName(metadata, metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope))}+{metadata.GetString(type.Name)}"
            : $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
}
