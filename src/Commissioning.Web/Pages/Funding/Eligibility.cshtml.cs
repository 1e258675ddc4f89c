using System.Globalization;
using System.Text.Json.Nodes;
using Commissioning.Infrastructure.Applications;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Web.Pages.Applications;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Funding;

/// <summary>
/// The eligibility check before an application is started: the round's rules as yes/no questions, then the service's
/// own checks on its records (see <see cref="EligibilityRule.CheckedBy"/>). Someone not eligible is told each reason;
/// someone eligible chooses the organisation that is applying and names the project, which starts a draft
/// application and its programme's workflow in the same request.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class EligibilityModel(CommissioningDbContext db, WorkflowRuntime workflows, ApplicationEvents events, TimeProvider clock) : PageModel
{
    /// <summary>The service's check that the organisation has had no award from the same fund in the last 12 months.</summary>
    public const string NoAwardInLast12Months = nameof(NoAwardInLast12Months);

    public enum Step
    {
        Questions = 1,
        NotEligible = 2,
        Start = 3,
        Unavailable = 4,
    }

    public RoundListing Listing { get; private set; } = null!;

    public Step Current { get; private set; } = Step.Questions;

    public IReadOnlyList<string> Reasons { get; private set; } = [];

    public string? UnavailableBecause { get; private set; }

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public Guid? RoundId { get; set; }

    [BindProperty]
    public Guid? OrganisationId { get; set; }

    [BindProperty]
    public string? ProjectTitle { get; set; }

    public static string AnswerField(string ruleKey) => $"Answers[{ruleKey}]";

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid roundId, CancellationToken cancellationToken) =>
        await LoadAsync(roundId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(roundId, cancellationToken) is { } early)
        {
            return early;
        }

        if (Current == Step.Unavailable)
        {
            return Page();
        }

        if (RoundId is { } posted && posted != roundId)
        {
            return WrongRound();
        }

        if (!CheckAnswers())
        {
            return Page();
        }

        Reasons = FailedRules().Select(r => r.IneligibleBecause).ToList();
        Current = Reasons.Count > 0 ? Step.NotEligible : Step.Start;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync([FromRoute] Guid roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(roundId, cancellationToken) is { } early)
        {
            return early;
        }

        if (Current == Step.Unavailable)
        {
            return Page();
        }

        if (RoundId != roundId)
        {
            return WrongRound();
        }

        if (!CheckAnswers())
        {
            return Page();
        }

        if (FailedRules().Select(r => r.IneligibleBecause).ToList() is { Count: > 0 } reasons)
        {
            Reasons = reasons;
            Current = Step.NotEligible;
            return Page();
        }

        Current = Step.Start;
        Organisation? organisation;
        if (OrganisationId is { } chosen)
        {
            organisation = Organisations.SingleOrDefault(o => o.Id.Value == chosen);
            if (organisation is null)
            {
                // Someone else's organisation: say nothing about it.
                return NotFound();
            }
        }
        else
        {
            organisation = Organisations.Count == 1 ? Organisations[0] : null;
            if (organisation is null)
            {
                ModelState.AddModelError(nameof(OrganisationId), "Select the organisation that is applying");
            }
        }

        var title = ProjectTitle?.Trim() ?? string.Empty;
        if (title.Length == 0)
        {
            ModelState.AddModelError(nameof(ProjectTitle), "Enter the name of your project");
        }
        else if (title.Length > GrantApplication.ProjectTitleMaxLength)
        {
            ModelState.AddModelError(nameof(ProjectTitle), $"The name of your project must be {GrantApplication.ProjectTitleMaxLength} characters or fewer; it has {title.Length}");
        }

        if (!ModelState.IsValid || organisation is null)
        {
            return Page();
        }

        var serviceReasons = await ServiceChecksAsync(organisation, cancellationToken);
        if (serviceReasons.Count > 0)
        {
            Reasons = serviceReasons;
            Current = Step.NotEligible;
            return Page();
        }

        var now = clock.GetUtcNow();
        var round = Listing.Round;
        var application = new GrantApplication(round.Id, organisation.Id, title, now, User.Identity!.Name!);
        db.Applications.Add(application);
        var variables = new JsonObject
        {
            ["closesAt"] = round.ClosesAt.ToString("O", CultureInfo.InvariantCulture),
            ["applicantUserId"] = ApplicationAccess.UserId(User),
        };
        workflows.RecordStart(ApplicationWorkflows.DefinitionFor(Listing.Fund.Programme)!, application.Id.ToString(), variables, new WorkflowActor(User.Identity.Name!, ApplicationAccess.UserId(User), [Roles.Applicant]));
        await db.SaveChangesAsync(cancellationToken);
        await events.DeliverAsync(application.Id, cancellationToken);

        return Redirect($"/Applications/{application.Id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var listing = await FundingRounds.FindAsync(db, roundId, now, cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }

        Listing = listing;
        Organisations = await ApplicationAccess.OrganisationsOfAsync(db, User, cancellationToken);
        if (!listing.TakesApplications)
        {
            Unavailable("This programme does not take applications online. Contact the office to find out how its money is allocated.");
        }
        else if (listing.Status == RoundStatus.Upcoming)
        {
            Unavailable($"{listing.Round.Title} opens at {UkTime.Describe(listing.Round.OpensAt)} (UK time). You can check if you can apply from then.");
        }
        else if (listing.Status == RoundStatus.Closed)
        {
            Unavailable($"{listing.Round.Title} closed at {UkTime.Describe(listing.Round.ClosesAt)} (UK time). It is no longer taking applications.");
        }
        else if (Organisations.Count == 0)
        {
            Unavailable("You need to belong to an organisation to apply. Ask the main contact of your organisation to add you, or register your organisation first.");
        }

        return null;
    }

    private void Unavailable(string because)
    {
        Current = Step.Unavailable;
        UnavailableBecause = because;
    }

    private IActionResult WrongRound()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Current = Step.Questions;
        Answers.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, "This form was for a different funding round, so nothing was saved. Start again from this round's page.");
        return Page();
    }

    private bool CheckAnswers()
    {
        foreach (var rule in Listing.Round.EligibilityRules)
        {
            var answer = Answers.GetValueOrDefault(rule.Key);
            if (answer is not (Domain.Applications.Answers.Yes or Domain.Applications.Answers.No))
            {
                ModelState.AddModelError(AnswerField(rule.Key), answer is null or "" ? $"Select yes or no for \u2018{rule.Question}\u2019" : "Select yes or no");
            }
        }

        if (!ModelState.IsValid)
        {
            Current = Step.Questions;
        }

        return ModelState.IsValid;
    }

    private IEnumerable<EligibilityRule> FailedRules() =>
        Listing.Round.EligibilityRules.Where(r => (Answers[r.Key] == Domain.Applications.Answers.Yes) != r.PassingAnswer);

    /// <summary>What the service checks on its own records, whatever the answers said.</summary>
    private async Task<IReadOnlyList<string>> ServiceChecksAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var rule in Listing.Round.EligibilityRules.Where(r => r.CheckedBy == NoAwardInLast12Months))
        {
            var since = UkTime.DateOf(clock.GetUtcNow()).AddMonths(-12);
            var fundId = Listing.Fund.Id;
            var organisationId = organisation.Id;
            var recent = await db.Awards.AsNoTracking()
                .Where(a => a.OrganisationId == organisationId && a.FundId == fundId && a.AwardDate > since && a.Status != AwardStatus.Withdrawn)
                .OrderByDescending(a => a.AwardDate)
                .FirstOrDefaultAsync(cancellationToken);
            if (recent is not null)
            {
                reasons.Add($"{rule.IneligibleBecause} Our records show {organisation.Name} was awarded {recent.Amount} from {Listing.Fund.Name} on {recent.AwardDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.");
            }
        }

        return reasons;
    }
}
