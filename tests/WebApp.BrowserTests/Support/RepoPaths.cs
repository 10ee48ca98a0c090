namespace CleanProfiles.WebApp.BrowserTests.Support;

/// <summary>Files of the source tree the tests read: the app's sources and its npm packages.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebApp => Path.Combine(Root, "src", "WebApp");

    public static string AxeScript => Path.Combine(WebApp, "node_modules", "axe-core", "axe.min.js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CleanProfiles.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CleanProfiles.sln was not found above the test binaries.");
    }
}
