using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.WebApi.Deadlines;

public sealed class RequestDeadlineOptions
{
    public const string SectionName = "Requests";

    /// <summary>
    /// Longest an API request may wait for the database and the object store together (default 10 s). When it passes, the
    /// calls in flight are cancelled and the client gets 503 with Retry-After.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class RequestDeadlineOptionsValidator : SettingsValidator<RequestDeadlineOptions>
{
    protected override IEnumerable<string?> Check(RequestDeadlineOptions options) =>
        // At most a minute: well under Pictures:PendingUploadLifetime (at least 2 minutes), so the sweeper never deletes
        // the objects of an upload that is still being written.
        [Between("Requests:Deadline", options.Deadline, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1))];
}
