using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Domain.Applications;

public enum ApplicationStatus
{
    Draft = 1,
    Submitted = 2,
    Withdrawn = 3,
    Ineligible = 4,
    InAssessment = 5,
    Recommended = 6,
    NotRecommended = 7,
    Approved = 8,
    Declined = 9,
}

/// <summary>
/// An organisation's application to a round. Answers can change only while it is a draft; once submitted they are
/// frozen. Each status change is only allowed from the statuses that lead to it.
/// </summary>
public sealed class GrantApplication
{
    public const int ProjectTitleMaxLength = 200;

    public const int MaxBudgetLines = 60;

    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> AllowedFrom = new()
    {
        [ApplicationStatus.Submitted] = [ApplicationStatus.Draft],
        [ApplicationStatus.Withdrawn] = [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InAssessment, ApplicationStatus.Recommended],
        [ApplicationStatus.Ineligible] = [ApplicationStatus.Submitted],
        [ApplicationStatus.InAssessment] = [ApplicationStatus.Submitted],
        [ApplicationStatus.Recommended] = [ApplicationStatus.InAssessment],
        [ApplicationStatus.NotRecommended] = [ApplicationStatus.InAssessment],
        [ApplicationStatus.Approved] = [ApplicationStatus.Recommended],
        [ApplicationStatus.Declined] = [ApplicationStatus.Recommended, ApplicationStatus.NotRecommended],
    };

    private readonly List<ApplicationAnswer> _answers = [];

    private readonly List<SupportedPriority> _priorities = [];

    private readonly List<ApplicationBudgetLine> _budget = [];

    private GrantApplication()
    {
        ProjectTitle = string.Empty;
    }

    /// <summary>
    /// Starts a draft for an organisation the service's records let apply to an open round (see
    /// <see cref="FundingRound.IneligibleBecause"/>); otherwise refuses with every reason.
    /// </summary>
    public static GrantApplication Start(FundingRound round, ApplicantRecord applicant, string projectTitle, DateTimeOffset now, string startedBy)
    {
        round.EnsureTakesApplications(now);
        round.EnsureEligible(applicant, EligibilityStage.Starting);
        var application = new GrantApplication(round.Id, applicant.Organisation.Id, projectTitle, now, startedBy);
        round.RecordApplicationStarted(now);
        return application;
    }

    public GrantApplication(RoundId roundId, OrganisationId organisationId, string projectTitle, DateTimeOffset startedAt, string startedBy)
    {
        Id = GrantApplicationId.New();
        RoundId = roundId;
        OrganisationId = organisationId;
        ProjectTitle = Text.SingleLine(projectTitle, "project title", ProjectTitleMaxLength);
        Status = ApplicationStatus.Draft;
        StartedAt = startedAt;
        StartedBy = startedBy;
    }

    public GrantApplicationId Id { get; private set; }

    public RoundId RoundId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>Given on submission, e.g. PPAF-2026-00042; quoted in every letter.</summary>
    public string? Reference { get; private set; }

    public string ProjectTitle { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public Money? RequestedAmount { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? StatusReason { get; private set; }

    public IReadOnlyCollection<ApplicationAnswer> Answers => _answers.AsReadOnly();

    public IReadOnlyCollection<SupportedPriority> Priorities => _priorities.AsReadOnly();

    /// <summary>What the project costs, and the other and match funding towards it, in the order the applicant gave them.</summary>
    public IReadOnlyCollection<ApplicationBudgetLine> Budget => _budget.OrderBy(l => l.Number).ToList().AsReadOnly();

    public Money TotalCosts => Money.Sum(_budget.Where(l => l.Kind == BudgetLineKind.Cost).Select(l => l.Amount));

    public Money OtherFunding => Money.Sum(_budget.Where(l => l.Kind == BudgetLineKind.OtherFunding).Select(l => l.Amount));

    public Money MatchFunding => Money.Sum(_budget.Where(l => l.Kind == BudgetLineKind.MatchFunding).Select(l => l.Amount));

    /// <summary>What the budget leaves for the fund to pay: the costs less other funding and match funding.</summary>
    public Money AskedOfFund => TotalCosts - OtherFunding - MatchFunding;

    /// <summary>A budget has been given and asks the fund for exactly the amount requested.</summary>
    public bool BudgetBalances => _budget.Count > 0 && RequestedAmount == AskedOfFund;

    public void Answer(string questionKey, string? value, DateTimeOffset at, string by)
    {
        EnsureDraft();
        var existing = _answers.SingleOrDefault(a => a.QuestionKey == questionKey);
        if (existing is null)
        {
            _answers.Add(new ApplicationAnswer(Id, questionKey, value, at, by));
        }
        else
        {
            existing.Change(value, at, by);
        }
    }

    /// <summary>The files this application holds now: the answers to the form's file questions.</summary>
    public IReadOnlyList<FileAnswer> FilesHeld(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return [.. form.Questions.Where(q => q.Type == QuestionType.FileUpload).Select(q => Applications.Answers.File(AnswerTo(q.Key))).OfType<FileAnswer>()];
    }

    /// <summary>
    /// Refuses a file of this size for a question, before it is kept, when the application's quota has no room for
    /// it. The file the question holds now is replaced, so it does not count; the message says what to do.
    /// </summary>
    public void EnsureRoomForFile(ApplicationForm form, string questionKey, long sizeInBytes, UploadQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var replaced = Applications.Answers.File(AnswerTo(questionKey))?.StoredName;
        var staying = FilesHeld(form).Where(f => f.StoredName != replaced).Select(f => f.SizeInBytes).ToList();
        quota.EnsureRoomFor(staying, sizeInBytes, "This application", "file");
    }

    /// <summary>Answers a file question with a file, within the application's upload quota (see <see cref="EnsureRoomForFile"/>).</summary>
    public void AnswerWithFile(ApplicationForm form, string questionKey, FileAnswer file, UploadQuota quota, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureDraft();
        if (form.Find(questionKey) is not { Type: QuestionType.FileUpload })
        {
            throw new DomainException("A file can only answer a question that asks for one.");
        }

        EnsureRoomForFile(form, questionKey, file.SizeInBytes, quota);
        Answer(questionKey, Applications.Answers.ForFile(file), at, by);
    }

    public void Request(Money amount, FundingRound round)
    {
        EnsureDraft();
        round.EnsureAmountWithinLimits(amount);
        RequestedAmount = amount;
    }

    /// <summary>Chooses the priorities the project supports, only from those the application's round funds.</summary>
    public void SupportPriorities(IEnumerable<PriorityId> priorities, PriorityId primary, FundingRound round)
    {
        if (round.Id != RoundId)
        {
            throw new DomainException("This application belongs to a different round.");
        }

        var chosen = priorities.ToList();
        EnsureDraft();
        round.EnsureSupports(chosen.Append(primary));
        SupportPriorities(chosen, primary);
    }

    public void SupportPriorities(IEnumerable<PriorityId> priorities, PriorityId primary)
    {
        EnsureDraft();
        var chosen = priorities.Distinct().ToList();
        if (!chosen.Contains(primary))
        {
            chosen.Insert(0, primary);
        }

        _priorities.Clear();
        _priorities.AddRange(chosen.Select(p => new SupportedPriority(p, p == primary)));
    }

    /// <summary>
    /// Replaces the budget. Every line needs a description and an amount above £0.00; there must be at least one
    /// cost, and other and match funding together must leave something for the fund to pay.
    /// </summary>
    public void SetBudget(IEnumerable<BudgetItem> items)
    {
        EnsureDraft();
        var list = items.ToList();
        if (list.Count > MaxBudgetLines)
        {
            throw new DomainException($"A budget can have at most {MaxBudgetLines} lines; this one has {list.Count}. Combine some of them.");
        }

        if (!list.Any(i => i.Kind == BudgetLineKind.Cost))
        {
            throw new DomainException("Enter at least one cost in your budget.");
        }

        var lines = list.Select((item, index) => new ApplicationBudgetLine(index + 1, item.Kind, item.Description, item.Amount)).ToList();
        var costs = Money.Sum(lines.Where(l => l.Kind == BudgetLineKind.Cost).Select(l => l.Amount));
        var contributions = Money.Sum(lines.Where(l => l.Kind != BudgetLineKind.Cost).Select(l => l.Amount));
        if (contributions >= costs)
        {
            throw new DomainException($"Other funding and match funding ({contributions}) cover all of the costs ({costs}), so there is nothing left to ask the fund for.");
        }

        _budget.Clear();
        _budget.AddRange(lines);
    }

    /// <summary>
    /// The showstopper questions (see <see cref="FormQuestion.StopsApplicationIfNo"/>) that stop this application:
    /// only questions it is actually asked count (one hidden by an earlier answer is not asked and cannot fail), and an
    /// asked showstopper fails unless it is answered yes. The portal, submission and the workflow all ask this.
    /// </summary>
    public IReadOnlyList<FormQuestion> FailedShowstoppers(FundingRound round) =>
        round.Form.Questions
            .Where(q => q.StopsApplicationIfNo is not null)
            .Where(q => FormProgress.IsShown(round.Form, q, AnswerTo))
            .Where(q => !string.Equals(AnswerTo(q.Key), Applications.Answers.Yes, StringComparison.OrdinalIgnoreCase))
            .ToList();

    public string? AnswerTo(string questionKey) => _answers.SingleOrDefault(a => a.QuestionKey == questionKey)?.Value;

    /// <summary>The <see cref="FailedShowstoppers"/> already answered (no): those that have stopped the application, rather than ones still to answer.</summary>
    public IReadOnlyList<FormQuestion> ShowstoppersAnsweredNo(FundingRound round) =>
        FailedShowstoppers(round).Where(q => !string.IsNullOrEmpty(AnswerTo(q.Key))).ToList();

    /// <summary>
    /// Everything that stops this application being submitted to <paramref name="round"/>, in the order a person
    /// would put it right: unanswered questions, showstoppers answered no, the budget, the plan priorities. Pages
    /// show this as a preview; <see cref="Submit"/> refuses while it is not empty.
    /// </summary>
    public IReadOnlyList<SubmissionProblem> WhatStopsSubmission(FundingRound round)
    {
        var problems = new List<SubmissionProblem>();
        foreach (var section in FormProgress.IncompleteSections(round.Form, AnswerTo))
        {
            problems.Add(new SubmissionProblem(SubmissionPart.Section, $"Answer every question in \u2018{section.Title}\u2019", section.Key));
        }

        // An unanswered showstopper is already an unanswered question above.
        foreach (var stopped in ShowstoppersAnsweredNo(round))
        {
            problems.Add(new SubmissionProblem(SubmissionPart.Showstopper, stopped.StopsApplicationIfNo!, round.Form.Sections.First(s => s.Questions.Contains(stopped)).Key));
        }

        if (_budget.Count == 0)
        {
            problems.Add(new SubmissionProblem(SubmissionPart.Budget, "Complete your budget"));
        }
        else if (WhyBudgetDoesNotBalance() is { } mismatch)
        {
            problems.Add(new SubmissionProblem(SubmissionPart.Budget, mismatch));
        }

        if (!_priorities.Any(p => p.IsPrimary))
        {
            problems.Add(new SubmissionProblem(SubmissionPart.Priorities, "Choose the plan priorities your project supports"));
        }

        return problems;
    }

    /// <summary>Why a budget that has been given does not ask the fund for the amount requested, or null when it does.</summary>
    public string? WhyBudgetDoesNotBalance() => _budget.Count == 0 || BudgetBalances
        ? null
        : RequestedAmount is { } requested
            ? $"Your budget asks the fund for {AskedOfFund} but you are asking for {requested}. Change your budget or the amount you are asking for so that they are the same"
            : $"Your budget asks the fund for {AskedOfFund}. Enter how much you are asking for";

    /// <summary>
    /// Submits the application: only a draft, only while the round is open, only when nothing stops it
    /// (<see cref="WhatStopsSubmission"/>), and only if the service's records still let the organisation apply
    /// (<see cref="FundingRound.IneligibleBecause"/>).
    /// </summary>
    public void Submit(FundingRound round, ApplicantRecord applicant, string reference, DateTimeOffset now)
    {
        if (round.Id != RoundId)
        {
            throw new DomainException("This application belongs to a different round.");
        }

        if (applicant.Organisation.Id != OrganisationId)
        {
            throw new DomainException("This application belongs to a different organisation.");
        }

        MoveTo(ApplicationStatus.Submitted, null);
        round.EnsureOpenForSubmission(now);
        if (WhatStopsSubmission(round) is { Count: > 0 } problems)
        {
            throw new DomainException($"{string.Join(". ", problems.Select(p => p.Message))} before submitting.");
        }

        round.EnsureEligible(applicant, EligibilityStage.Submitting, this);
        Reference = Text.SingleLine(reference, "application reference", 40);
        SubmittedAt = now;
        Status = ApplicationStatus.Submitted;
    }

    /// <summary>
    /// The applicant can withdraw it: while it is a draft, and after submission until an offer is made, through
    /// eligibility, scoring, the panel and, once shortlisted (recommended), the approval and decision stages. After an
    /// offer they decline the offer instead; an application found ineligible or declined has already ended.
    /// </summary>
    public bool CanBeWithdrawn => AllowedFrom[ApplicationStatus.Withdrawn].Contains(Status);

    /// <summary>Withdraws the application; withdrawing it again changes nothing (the workflow records the withdrawal the applicant made).</summary>
    public void Withdraw(string reason)
    {
        if (Status == ApplicationStatus.Withdrawn)
        {
            return;
        }

        Transition(ApplicationStatus.Withdrawn, Text.Required(reason, "reason for withdrawing", 2000));
    }

    public void MarkIneligible(string reason) => Transition(ApplicationStatus.Ineligible, Text.Required(reason, "reason the application is ineligible", 2000));

    public void StartAssessment() => Transition(ApplicationStatus.InAssessment, null);

    public void Recommend(string? reason) => Transition(ApplicationStatus.Recommended, reason);

    public void NotRecommend(string reason) => Transition(ApplicationStatus.NotRecommended, reason);

    public void Approve() => Transition(ApplicationStatus.Approved, null);

    public void Decline(string reason) => Transition(ApplicationStatus.Declined, reason);

    private void Transition(ApplicationStatus to, string? reason)
    {
        MoveTo(to, reason);
        Status = to;
        StatusReason = reason;
    }

    private void MoveTo(ApplicationStatus to, string? reason)
    {
        _ = reason;
        if (!AllowedFrom[to].Contains(Status))
        {
            throw new DomainException($"An application that is {Describe(Status)} cannot become {Describe(to)}.");
        }
    }

    private void EnsureDraft()
    {
        if (Status != ApplicationStatus.Draft)
        {
            throw new DomainException($"This application was {Describe(Status)} and can no longer be changed.");
        }
    }

    public static string Describe(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "a draft",
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.Withdrawn => "withdrawn",
        ApplicationStatus.Ineligible => "found ineligible",
        ApplicationStatus.InAssessment => "in assessment",
        ApplicationStatus.Recommended => "recommended",
        ApplicationStatus.NotRecommended => "not recommended",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Declined => "declined",
        _ => status.ToString(),
    };
}

/// <summary>The part of an application a <see cref="SubmissionProblem"/> is about, so a page can link to where it is put right.</summary>
public enum SubmissionPart
{
    Section = 1,
    Showstopper = 2,
    Budget = 3,
    Priorities = 4,
}

/// <summary>One thing that stops an application being submitted; <see cref="SectionKey"/> names the form section for a question.</summary>
public sealed record SubmissionProblem(SubmissionPart Part, string Message, string? SectionKey = null);

public sealed class ApplicationAnswer
{
    public const int ValueMaxLength = 20_000;

    private ApplicationAnswer()
    {
        QuestionKey = string.Empty;
        UpdatedBy = string.Empty;
    }

    internal ApplicationAnswer(GrantApplicationId applicationId, string questionKey, string? value, DateTimeOffset at, string by)
    {
        GrantApplicationId = applicationId;
        QuestionKey = Text.Required(questionKey, "question key", 100);
        UpdatedBy = by;
        Change(value, at, by);
    }

    public GrantApplicationId GrantApplicationId { get; private set; }

    public string QuestionKey { get; private set; }

    public string? Value { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    internal void Change(string? value, DateTimeOffset at, string by)
    {
        if (value is { Length: > ValueMaxLength })
        {
            throw new DomainException($"An answer can be at most {ValueMaxLength:N0} characters long.");
        }

        Value = value;
        UpdatedAt = at;
        UpdatedBy = by;
    }
}

public enum BudgetLineKind
{
    Cost = 1,
    OtherFunding = 2,
    MatchFunding = 3,
}

/// <summary>One line of a budget as the applicant gives it.</summary>
public sealed record BudgetItem(BudgetLineKind Kind, string Description, Money Amount);

/// <summary>One line of an application's budget: a cost, or money from elsewhere towards the project.</summary>
public sealed class ApplicationBudgetLine
{
    public const int DescriptionMaxLength = 200;

    private ApplicationBudgetLine()
    {
        Description = string.Empty;
    }

    internal ApplicationBudgetLine(int number, BudgetLineKind kind, string description, Money amount)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Say whether each budget line is a cost, other funding or match funding.");
        }

        if (!amount.IsPositive)
        {
            throw new DomainException($"Each amount in the budget must be more than £0.00; '{description}' is {amount}.");
        }

        Number = number;
        Kind = kind;
        Description = Text.SingleLine(description, "description of the budget line", DescriptionMaxLength);
        Amount = amount;
    }

    public int Number { get; private set; }

    public BudgetLineKind Kind { get; private set; }

    public string Description { get; private set; }

    public Money Amount { get; private set; }
}

/// <summary>A plan priority an application or award supports; exactly one is the primary.</summary>
public sealed record SupportedPriority(PriorityId PriorityId, bool IsPrimary);
