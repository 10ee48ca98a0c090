using NetVips;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// libvips is one per process, so these settings are process-wide. They are applied explicitly, by the processor's
/// constructor when the container builds it, and applying them again changes nothing.
/// </summary>
internal static class LibvipsSettings
{
    private static readonly Lock Gate = new();
    private static bool applied;

    public static void Apply()
    {
        lock (Gate)
        {
            if (applied)
            {
                return;
            }

            // Untrusted input: block every loader, then allow only the accepted formats' own.
            NetVips.NetVips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            foreach (var loader in AcceptedFormats.LoaderClasses)
            {
                Operation.Block(loader, false);
            }

            // User images are never worth caching: each is decoded once.
            Cache.Max = 0;
            Cache.MaxFiles = 0;
            Cache.MaxMem = 0;
            applied = true;
        }
    }
}
