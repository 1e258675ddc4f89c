using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>
/// On SQLite, the transactions of this process queue for the database's one write lock here, asynchronously, before
/// they ask SQLite for it. A transaction begins with BEGIN IMMEDIATE, and SQLite makes a second writer wait by
/// sleeping the thread that asked (the busy timeout), so on closing day hundreds of requests each held a thread-pool
/// thread asleep, while the request that held the lock waited for a free thread to carry on and commit: submissions and
/// registrations then failed with "database is locked" after 30 seconds. Here a waiting writer holds no thread; the
/// busy timeout still covers writers in other processes. Entity Framework has no such queue of its own, so it is
/// written here: an interceptor takes a place in the queue and then begins the transaction, and the transaction gives
/// the place up when it commits or rolls back, or is disposed (every transaction is), or at once if it could not begin.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The place each connection (by Entity Framework's id for it) holds in its database's queue.</summary>
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Held = new();

    /// <summary>Adds the gate to a SQLite context's options: the interceptor, and the transactions that give their place back.</summary>
    public static DbContextOptionsBuilder UseWriteGate(this DbContextOptionsBuilder builder, int busyTimeoutSeconds) =>
        builder.AddInterceptors(new Interceptor(TimeSpan.FromSeconds(busyTimeoutSeconds)))
            .ReplaceService<IRelationalTransactionFactory, GatedTransactionFactory>();

    private static SemaphoreSlim GateFor(DbConnection connection) =>
        Gates.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource), _ => new SemaphoreSlim(1, 1));

    private static void Release(Guid connectionId)
    {
        if (Held.TryRemove(connectionId, out var gate))
        {
            gate.Release();
        }
    }

    private sealed class Interceptor(TimeSpan wait) : DbTransactionInterceptor
    {
        // The transaction begins here, once the place is taken, so that a BEGIN that fails gives the place back at once.
        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var gate = GateFor(connection);
            if (!await gate.WaitAsync(wait, cancellationToken))
            {
                throw Busy();
            }

            try
            {
                var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
                Held[eventData.ConnectionId] = gate;
                return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
            }
            catch
            {
                gate.Release();
                throw;
            }
        }

        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            var gate = GateFor(connection);
            if (!gate.Wait(wait))
            {
                throw Busy();
            }

            try
            {
                var transaction = connection.BeginTransaction(eventData.IsolationLevel);
                Held[eventData.ConnectionId] = gate;
                return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
            }
            catch
            {
                gate.Release();
                throw;
            }
        }

        private TimeoutException Busy() => new($"The database stayed busy with other changes for {wait.TotalSeconds:F0} seconds; nothing was saved.");
    }

    private sealed class GatedTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : RelationalTransactionFactory(dependencies)
    {
        public override RelationalTransaction Create(IRelationalConnection connection, DbTransaction transaction, Guid transactionId, IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
            new GatedTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper);
    }

    private sealed class GatedTransaction(IRelationalConnection connection, DbTransaction transaction, Guid transactionId, IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sqlGenerationHelper)
        : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
    {
        private readonly Guid _connectionId = connection.ConnectionId;

        // SQLite lets go of the lock at commit or rollback, so the place is given back then: code that rolls back and
        // writes again (recording a fault, retrying) before this transaction object is disposed must not wait for itself.
        public override void Commit()
        {
            try
            {
                base.Commit();
            }
            finally
            {
                Release(_connectionId);
            }
        }

        public override async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await base.CommitAsync(cancellationToken);
            }
            finally
            {
                Release(_connectionId);
            }
        }

        public override void Rollback()
        {
            try
            {
                base.Rollback();
            }
            finally
            {
                Release(_connectionId);
            }
        }

        public override async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await base.RollbackAsync(cancellationToken);
            }
            finally
            {
                Release(_connectionId);
            }
        }

        public override void Dispose()
        {
            try
            {
                base.Dispose();
            }
            finally
            {
                Release(_connectionId);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                Release(_connectionId);
            }
        }
    }
}
