using System.Globalization;
using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Payments;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Awards;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Web.Pages.Applications;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;
using static Commissioning.Infrastructure.Workflows.GrantWorkflowContract;

namespace Commissioning.Web;

/// <summary>
/// Demo data only: one grant already under way, so that the pages after an offer can be seen straight away. The
/// demo grant holder's application to the open Police Property Act Fund round goes through the same services a
/// person would use: submitted, checked, scored, shortlisted and approved by the demo staff through the workflow,
/// accepted, its first (and only) payment made by finance, with its end-of-grant report still to send.
/// </summary>
public sealed class DemoGrant(
    CommissioningDbContext db,
    UserManager<AppUser> users,
    WorkflowRegistry registry,
    WorkflowRuntime workflows,
    SubmitApplication submit,
    BankDetailsVault vault,
    TimeProvider clock,
    ILogger<DemoGrant> logger)
{
    public const string GrantHolder = "grantholder@demo.commissioning.test";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var definition = ApplicationWorkflows.DefinitionFor(ProgrammeKind.PolicePropertyActFund)!;
        if (registry.All.All(d => d.DefinitionId != definition))
        {
            // An app started with other workflow definitions (a test of the engine, say) has no grant to show.
            logger.LogInformation("No demo grant: the {Definition} workflow is not among this app's definitions", definition);
            return;
        }

        var holder = await users.FindByEmailAsync(GrantHolder) ?? throw new InvalidOperationException($"The demo sign-in {GrantHolder} is missing.");
        var organisation = await db.Organisations.SingleAsync(o => o.People.Any(p => p.UserId == holder.Id), cancellationToken);
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Programme == ProgrammeKind.PolicePropertyActFund, cancellationToken);
        var round = await db.Rounds.AsNoTracking().Where(r => r.FundId == fund.Id).OrderBy(r => r.ClosesAt).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = UkTime.DateOf(now);

        // Bank details, verified by finance, so that the grant can be paid.
        var bankDetails = new BankAccountDetails("Cherwell Valley Community Shed", "30-94-12", "41527788", null);
        await vault.SetAsync(organisation, bankDetails, now, cancellationToken);
        var finance = await StaffAsync(Roles.Finance);
        organisation.VerifyBankDetails(bankDetails, bankDetails.Digest, finance.UserId!, now);

        var application = new GrantApplication(round.Id, organisation.Id, "Tools and mentoring for men at risk of isolation", now, GrantHolder);
        db.Applications.Add(application);
        var form = round.Form;
        void Answer(string key, AnswerInput input)
        {
            var check = Answers.Check(form.Questions.Single(q => q.Key == key), input, required: true);
            application.Answer(key, check.IsValid ? check.Value : throw new InvalidOperationException($"Demo answer to {key}: {check.Problems[0].Message}"), now, GrantHolder);
        }

        Answer("project-summary", new AnswerInput("Weekly workshop sessions in Banbury where older men who live alone learn woodwork and bike repair from volunteer mentors, and are linked to local services."));
        Answer("need", new AnswerInput("Cherwell's community safety survey found loneliness and low-level antisocial behaviour concentrated in the same streets; the local GP surgery refers eight to ten men a month to us."));
        Answer("start-date", new AnswerInput(Day: today.Day.ToString(CultureInfo.InvariantCulture), Month: today.Month.ToString(CultureInfo.InvariantCulture), Year: today.Year.ToString(CultureInfo.InvariantCulture)));
        Answer("area", new AnswerInput(Choices: ["Oxfordshire"]));
        Answer("amount", new AnswerInput("3250"));
        Answer("other-funding", new AnswerInput(Answers.No));
        Answer("outcomes", new AnswerInput("Attendance records, a short wellbeing questionnaire at the start and after three months, and referrals made to other services."));
        Answer("safeguarding", new AnswerInput(Answers.Yes));
        application.Request(Money.FromPounds(3_250m), round);
        application.SetBudget(
        [
            new BudgetItem(BudgetLineKind.Cost, "Hand tools and bike repair stands", Money.FromPounds(1_850m)),
            new BudgetItem(BudgetLineKind.Cost, "Volunteer mentor DBS checks and training", Money.FromPounds(900m)),
            new BudgetItem(BudgetLineKind.Cost, "Workshop consumables for 12 months", Money.FromPounds(750m)),
            new BudgetItem(BudgetLineKind.MatchFunding, "Parish council contribution", Money.FromPounds(250m)),
        ]);
        var priorities = await db.PlanPriorities.AsNoTracking().OrderBy(p => p.Order).Select(p => p.Id).Take(2).ToListAsync(cancellationToken);
        application.SupportPriorities(priorities, priorities[0]);
        await db.SaveChangesAsync(cancellationToken);

        var applicant = new WorkflowActor(GrantHolder, holder.Id, [Roles.Applicant]);
        var variables = new JsonObject { [Variables.ClosesAt] = round.ClosesAt.ToString("O", CultureInfo.InvariantCulture), [Variables.ApplicantUserId] = holder.Id };
        await workflows.StartAsync(definition, application.Id.ToString(), variables, applicant, cancellationToken);
        if (await submit.RunAsync(application.Id.Value, holder.Id, GrantHolder, $"/Applications/{application.Id}/Status", cancellationToken) is not SubmitApplication.Submitted)
        {
            throw new InvalidOperationException("The demo application could not be submitted.");
        }

        // A submission's workflow moves on a moment after its commit; seeding waits for it here, before the staff act.
        await workflows.DeliverAsync(application.Id.ToString(), cancellationToken);

        // The office's staff take it through the workflow, as they would on the task pages.
        var officer = await StaffAsync(Roles.GrantsOfficer);
        var assessor = await StaffAsync(Roles.Assessor);
        await CompleteAsync(application.Id, officer, Outcomes.Eligible, cancellationToken, before: async instance =>
        {
            var tracked = await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id, cancellationToken);
            var values = tracked.ReadVariables();
            values[Variables.Assessors] = new JsonArray(assessor.UserId);
            tracked.WriteVariables(values);
            await db.SaveChangesAsync(cancellationToken);
        });
        await CompleteAsync(application.Id, assessor, Outcomes.Scored, cancellationToken, data: new JsonObject { [TaskInputs.Score] = 78 });
        await CompleteAsync(application.Id, officer, Outcomes.Shortlisted, cancellationToken);
        await CompleteAsync(application.Id, officer, Outcomes.Approved, cancellationToken);
        await CompleteAsync(application.Id, await StaffAsync(Roles.DecisionMaker), Outcomes.Approved, cancellationToken);

        // The group accepts the offer, as on the offer page.
        db.ChangeTracker.Clear();
        var approved = await db.Applications.SingleAsync(a => a.Id == application.Id, cancellationToken);
        db.OfferResponses.Add(OfferResponse.Accept(approved, "Leila Ahmed", "Chair", today, today, now, "127.0.0.1", holder.Id, GrantHolder));
        var award = await AnswerOffer.AcceptAwardAsync(db, approved, today, cancellationToken);
        foreach (var condition in award.Conditions.Where(c => c.Timing == ConditionTiming.BeforePayment && c.MetOn is null && c.Key != ConditionKeys.VerifiedBankDetails))
        {
            condition.MarkMet(today);
        }

        await db.SaveChangesAsync(cancellationToken);
        await workflows.PublishEventAsync(Events.OfferAccepted, application.Id.ToString(), cancellationToken: cancellationToken);

        // Finance pays the grant.
        db.ChangeTracker.Clear();
        award = (await GrantOffers.LoadAsync(db, application.Id, cancellationToken))!;
        var instalment = award.Instalments.Single();
        var payee = await db.Organisations.SingleAsync(o => o.Id == organisation.Id, cancellationToken);
        var payment = new Payment(award.Id, instalment.Id, payee.Id, instalment.Amount, instalment.DueOn);
        payment.Approve(payee, officer.Name, now);
        payment.MarkExported($"BACS-{today:yyyyMMdd}");
        payment.MarkPaid(today);
        award.RecordInstalmentPaid(instalment.Id, today);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded a demo grant under way: {Reference} to {Organisation}, accepted and paid, end-of-grant report to send", approved.Reference, organisation.Name);
    }

    private async Task<WorkflowActor> StaffAsync(string role)
    {
        var person = (await users.GetUsersInRoleAsync(role)).OrderBy(u => u.Email).First();
        return new WorkflowActor(person.FullName ?? person.Email!, person.Id, [role]);
    }

    private async Task CompleteAsync(GrantApplicationId applicationId, WorkflowActor actor, string outcome, CancellationToken cancellationToken, JsonObject? data = null, Func<WorkflowInstance, Task>? before = null)
    {
        db.ChangeTracker.Clear();
        var correlation = applicationId.ToString();
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == correlation, cancellationToken);
        if (before is not null)
        {
            await before(instance);
        }

        var task = await db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && t.ActivityId == instance.CurrentActivityId && t.Status == TaskStatus.Open && (t.AssigneeUserId == null || t.AssigneeUserId == actor.UserId))
            .FirstAsync(cancellationToken);
        await workflows.CompleteTaskAsync(task.Id, outcome, actor, comment: null, data, cancellationToken);
    }
}
