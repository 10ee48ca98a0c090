using Amazon.Runtime;

namespace CleanProfiles.Infrastructure.IntegrationTests.Support;

/// <summary>Temporary credentials (as from STS or an instance profile) that expire at a fixed time.</summary>
internal sealed class ExpiringCredentials(string accessKey, string secretKey, DateTime expiresUtc) : RefreshingAWSCredentials
{
    protected override CredentialsRefreshState GenerateNewCredentials() =>
        new(new ImmutableCredentials(accessKey, secretKey, token: null), expiresUtc);
}
