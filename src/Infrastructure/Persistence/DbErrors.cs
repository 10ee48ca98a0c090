using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanProfiles.Infrastructure.Persistence;

/// <summary>Recognises a broken unique rule in any provider's exception (outages are <see cref="Outages"/>' to decide).</summary>
internal static class DbErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || e is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey })
            {
                return true;
            }
        }

        return false;
    }
}
