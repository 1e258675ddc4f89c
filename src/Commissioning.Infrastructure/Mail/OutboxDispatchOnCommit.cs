using System.Data.Common;
using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Mail;

/// <summary>
/// Asks for an outbox dispatch as soon as an e-mail is committed, whoever saved it (a page, a use case, a workflow
/// action), so the person waiting for it gets it at once rather than at the next minute's dispatch: from this
/// process's <see cref="OutboxDispatcher"/> when it runs the job server, otherwise as a Hangfire job. Inside a
/// transaction it waits for the commit, and a rollback queues nothing. Without a job system (tools, seeding) it does
/// nothing; if queueing fails, the minute's dispatch sends the e-mail.
/// </summary>
public sealed class OutboxDispatchOnCommit(IServiceProvider services, ILogger<OutboxDispatchOnCommit> logger) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _waiting = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        DispatchUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        DispatchUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Dispatch(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Dispatch(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Notice(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _waiting.AddOrUpdate(context, this);
        }
    }

    private void DispatchUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Dispatch(context);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _waiting.Remove(context);
        }
    }

    private void Dispatch(DbContext? context)
    {
        if (context is null || !_waiting.Remove(context))
        {
            return;
        }

        if (services.GetService<OutboxDispatcher>() is { IsActive: true } dispatcher)
        {
            dispatcher.Request();
            return;
        }

        if (services.GetService<IBackgroundJobClient>() is not { } jobs)
        {
            return;
        }

        try
        {
            jobs.Enqueue<OutboxDispatchJob>(dispatch => dispatch.DispatchAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not queue the outbox dispatch; the e-mails go with the next scheduled one");
        }
    }
}
