using System.Text.Json;
using Microsoft.Playwright;

namespace CleanProfiles.WebApp.BrowserTests.Support;

/// <summary>
/// Counts the bytes of picture responses that came over the network, from Chromium's own network events (DevTools
/// protocol): a response served from the browser's cache counts zero, as on the wire.
/// </summary>
public sealed class PictureTraffic
{
    private readonly object gate = new();
    private readonly HashSet<string> pictureRequests = [];
    private readonly HashSet<string> servedFromCache = [];
    private long bytes;
    private int fromNetwork;

    private PictureTraffic()
    {
    }

    public static async Task<PictureTraffic> WatchAsync(IPage page)
    {
        var traffic = new PictureTraffic();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("Network.responseReceived").OnEvent += (_, e) => traffic.OnResponse(e);
        cdp.Event("Network.requestServedFromCache").OnEvent += (_, e) => traffic.OnServedFromCache(e);
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => traffic.OnFinished(e);
        await cdp.SendAsync("Network.enable");
        return traffic;
    }

    /// <summary>Bytes and count of picture responses from the network since the last call; resets both.</summary>
    public (long Bytes, int Responses) Take()
    {
        lock (gate)
        {
            var taken = (bytes, fromNetwork);
            (bytes, fromNetwork) = (0, 0);
            return taken;
        }
    }

    private void OnResponse(JsonElement? e)
    {
        if (e is not { } data || data.GetProperty("type").GetString() != "Image")
        {
            return;
        }

        var response = data.GetProperty("response");
        var url = response.GetProperty("url").GetString() ?? string.Empty;
        var cached = response.TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean();
        lock (gate)
        {
            var id = data.GetProperty("requestId").GetString()!;
            if (url.Contains("profile-pictures", StringComparison.Ordinal) && !cached && !servedFromCache.Contains(id))
            {
                pictureRequests.Add(id);
            }
        }
    }

    private void OnServedFromCache(JsonElement? e)
    {
        if (e is { } data)
        {
            lock (gate)
            {
                servedFromCache.Add(data.GetProperty("requestId").GetString()!);
                pictureRequests.Remove(data.GetProperty("requestId").GetString()!);
            }
        }
    }

    private void OnFinished(JsonElement? e)
    {
        if (e is not { } data)
        {
            return;
        }

        lock (gate)
        {
            if (pictureRequests.Remove(data.GetProperty("requestId").GetString()!))
            {
                bytes += (long)data.GetProperty("encodedDataLength").GetDouble();
                fromNetwork++;
            }
        }
    }
}
