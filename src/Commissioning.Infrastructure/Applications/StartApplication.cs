using System.Globalization;
using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// An applicant starts a draft application for their organisation in an open round, once the round's checks on the
/// service's records allow it (the domain says: <see cref="GrantApplication.Start"/>). The draft and the start of its
/// programme's workflow are saved in one transaction; the workflow starts after the commit (or, after a crash, when
/// the delivery sweep runs).
/// </summary>
public sealed class StartApplication(CommissioningDbContext db, WorkflowRuntime workflows, ApplicationEvents events, TimeProvider clock)
{
    public abstract record Result;

    public sealed record Started(GrantApplicationId Application) : Result;

    /// <summary>The round's rules do not let this organisation apply; the message says why.</summary>
    public sealed record Refused(string Message) : Result;

    /// <param name="round">A round of <paramref name="fund"/> that takes applications online.</param>
    /// <param name="organisation">An organisation the person is a member of (the page has checked).</param>
    /// <param name="title">The project's name, checked by the page.</param>
    /// <param name="userId">The signed-in person's id.</param>
    /// <param name="by">The signed-in person's e-mail address.</param>
    public async Task<Result> RunAsync(FundingRound round, Fund fund, Organisation organisation, string title, string userId, string by, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();

            // Tracked, so that the first application to start fixes the round's questions and criteria in the same
            // transaction; an officer's change to the round at that moment makes one of the two decide again.
            var tracked = db.Rounds.Local.FirstOrDefault(r => r.Id == round.Id)
                ?? await db.Rounds.SingleAsync(r => r.Id == round.Id, cancellationToken);
            GrantApplication application;
            try
            {
                application = GrantApplication.Start(tracked, await ApplicantRecords.LoadAsync(db, tracked, organisation, cancellationToken), title, now, by);
            }
            catch (DomainException ex)
            {
                return new Refused(ex.Message);
            }

            db.Applications.Add(application);
            var variables = new JsonObject
            {
                [GrantWorkflowContract.Variables.ClosesAt] = tracked.ClosesAt.ToString("O", CultureInfo.InvariantCulture),
                [GrantWorkflowContract.Variables.ApplicantUserId] = userId,
                [GrantWorkflowContract.Variables.ModerationThreshold] = tracked.ModerationThreshold,
            };
            workflows.RecordStart(ApplicationWorkflows.DefinitionFor(fund.Programme)!, application.Id.ToString(), variables, new WorkflowActor(by, userId, [Roles.Applicant]));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            events.AfterCommit(application.Id);
            return new Started(application.Id);
        }
    }
}
