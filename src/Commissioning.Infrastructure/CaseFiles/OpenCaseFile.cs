using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Infrastructure.CaseFiles;

/// <summary>What every member of staff who may open a case file is shown: which application it is and where it stands.</summary>
public sealed record CaseFileHeader(
    GrantApplicationId Id,
    string? Reference,
    string ProjectTitle,
    ApplicationStatus Status,
    string? StatusReason,
    DateTimeOffset StartedAt,
    DateTimeOffset? SubmittedAt,
    RoundId RoundId,
    string Round,
    string Fund,
    ProgrammeKind Programme,
    string Organisation);

/// <summary>The answers as the applicant saw them: the form, and each question's answer by key.</summary>
public sealed record CaseFileAnswers(ApplicationForm Form, IReadOnlyDictionary<string, string?> ByKey)
{
    public string? AnswerOf(string questionKey) => ByKey.GetValueOrDefault(questionKey);

    public IEnumerable<(FormSection Section, IReadOnlyList<FormQuestion> Questions)> Sections =>
        Form.Sections.Select(s => (s, FormProgress.ShownQuestions(Form, s, AnswerOf)));
}

/// <summary>The application's budget and what it asks of the fund.</summary>
public sealed record CaseFileBudget(IReadOnlyList<ApplicationBudgetLine> Lines, Money TotalCosts, Money OtherAndMatchFunding, Money AskedOfFund, Money? RequestedAmount);

/// <summary>The workflow the application is in: its history (oldest first) and its open tasks.</summary>
public sealed record CaseFileWorkflow(WorkflowInstance Instance, IReadOnlyList<WorkflowLogEntry> History, IReadOnlyList<HumanTask> OpenTasks);

/// <summary>
/// An application's case file as one member of staff may see it: every part their roles may not see is null and was
/// never read from the database.
/// </summary>
public sealed record CaseFile(
    CaseFileParts Parts,
    CaseFileHeader Application,
    CaseFileAnswers? Answers,
    CaseFileBudget? Budget,
    IReadOnlyList<(PlanPriority Priority, bool IsPrimary)>? Priorities,
    OrganisationFile? Organisation,
    IReadOnlyList<Clarification>? Clarifications,
    CaseFileWorkflow? Workflow,
    AwardRow? Award)
{
    public bool May(CaseFileParts part) => Parts.HasFlag(part);
}

/// <summary>
/// Opens an application's case file for a member of staff, reading only what <see cref="CaseFileAccess"/> lets their
/// roles see; null for no such application or someone who may not open it (an assessor not assessing it, an
/// applicant), which the page turns into a 404 that reveals nothing.
/// </summary>
public sealed class OpenCaseFile(CommissioningDbContext db, OpenOrganisationFile organisations)
{
    /// <summary>What the person may see of this application's case file; <see cref="CaseFileParts.None"/> when they may not open it.</summary>
    public async Task<CaseFileParts> PartsForAsync(GrantApplicationId id, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var assessingIt = roles.Contains(Roles.Assessor) && await IsAssessingAsync(id, userId, cancellationToken);
        return CaseFileAccess.PartsFor(roles, assessingIt);
    }

    /// <summary>
    /// An assessor assesses an application when an assessment task of its workflow is theirs (open or done), or is
    /// open to any assessor.
    /// </summary>
    public Task<bool> IsAssessingAsync(GrantApplicationId id, string userId, CancellationToken cancellationToken)
    {
        var correlation = id.ToString();
        return db.Set<HumanTask>().AsNoTracking()
            .Join(db.Set<WorkflowInstance>().Where(i => i.CorrelationId == correlation), t => t.InstanceId, i => i.Id, (t, _) => t)
            .AnyAsync(t => t.Role == Roles.Assessor
                && ((t.AssigneeUserId == userId && t.Status != TaskStatus.Cancelled) || (t.AssigneeUserId == null && t.Status == TaskStatus.Open)), cancellationToken);
    }

    public async Task<CaseFile?> RunAsync(Guid id, string userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken cancellationToken)
    {
        var applicationId = GrantApplicationId.From(id);
        var parts = await PartsForAsync(applicationId, userId, roles, cancellationToken);
        if (parts == CaseFileParts.None)
        {
            return null;
        }

        var query = db.Applications.AsNoTracking();
        if (parts.HasFlag(CaseFileParts.Answers))
        {
            query = query.Include(a => a.Answers);
        }

        var application = await query.SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == round.FundId, cancellationToken);
        var organisationName = await db.Organisations.AsNoTracking().Where(o => o.Id == application.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var header = new CaseFileHeader(application.Id, application.Reference, application.ProjectTitle, application.Status, application.StatusReason,
            application.StartedAt, application.SubmittedAt, round.Id, round.Title, fund.Name, fund.Programme, organisationName);

        var answers = parts.HasFlag(CaseFileParts.Answers)
            ? new CaseFileAnswers(round.Form, application.Answers.ToDictionary(a => a.QuestionKey, a => a.Value, StringComparer.Ordinal))
            : null;
        var budget = parts.HasFlag(CaseFileParts.Budget)
            ? new CaseFileBudget(application.Budget.ToList(), application.TotalCosts, application.OtherFunding + application.MatchFunding, application.AskedOfFund, application.RequestedAmount)
            : null;

        IReadOnlyList<(PlanPriority, bool)>? priorities = null;
        if (parts.HasFlag(CaseFileParts.Priorities))
        {
            var ids = application.Priorities.Select(p => p.PriorityId).ToList();
            var primary = application.Priorities.SingleOrDefault(p => p.IsPrimary)?.PriorityId;
            var found = await db.PlanPriorities.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
            priorities = [.. found.OrderByDescending(p => p.Id == primary).ThenBy(p => p.Order).Select(p => (p, p.Id == primary))];
        }

        var organisation = await organisations.ReadAsync(application.OrganisationId, parts, application.Id, today, cancellationToken);

        IReadOnlyList<Clarification>? clarifications = null;
        if (parts.HasFlag(CaseFileParts.Clarifications))
        {
            var asked = await db.Clarifications.AsNoTracking().Where(c => c.ApplicationId == application.Id).ToListAsync(cancellationToken);
            clarifications = [.. asked.OrderBy(c => c.AskedAt)];
        }

        CaseFileWorkflow? workflow = null;
        if (parts.HasFlag(CaseFileParts.WorkflowHistoryAndTasks))
        {
            var correlation = application.Id.ToString();
            var instance = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.CorrelationId == correlation).OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (instance is not null)
            {
                var history = await db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == instance.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
                var tasks = await db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open).ToListAsync(cancellationToken);
                workflow = new CaseFileWorkflow(instance, history, [.. tasks.OrderBy(t => t.CreatedAt)]);
            }
        }

        var award = parts.HasFlag(CaseFileParts.Award)
            ? (await OpenOrganisationFile.AwardsAsync(db, application.OrganisationId, application.Id, cancellationToken)).FirstOrDefault()
            : null;
        return new CaseFile(parts, header, answers, budget, priorities, organisation, clarifications, workflow, award);
    }
}
