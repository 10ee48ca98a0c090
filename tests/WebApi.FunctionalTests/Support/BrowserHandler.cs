namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// Follows links the way a browser would: requests to the API's own host go to the in-memory app, anything else
/// (a presigned S3 URL) goes over the network.
/// </summary>
internal sealed class BrowserHandler(HttpMessageHandler app, string appHost) : HttpMessageHandler
{
    private readonly HttpMessageInvoker toApp = new(app, disposeHandler: true);
    private readonly HttpMessageInvoker toNetwork = new(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        string.Equals(request.RequestUri?.Host, appHost, StringComparison.OrdinalIgnoreCase)
            ? toApp.SendAsync(request, cancellationToken)
            : toNetwork.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            toApp.Dispose();
            toNetwork.Dispose();
        }

        base.Dispose(disposing);
    }
}
