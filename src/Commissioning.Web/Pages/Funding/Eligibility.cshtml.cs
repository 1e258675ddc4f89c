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
using Commissioning.Infrastructure.Rounds;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Web.Pages.Applications;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Funding;

/// <summary>
/// The eligibility check before an application is started: the round's rules as yes/no questions, then the round's
/// own checks on the service's records for each organisation the person belongs to (<see cref="FundingRound.IneligibleBecause"/>:
/// recorded legal form, an award from the fund in the last 12 months, an application already in the round), so the
/// page says "You can apply" only when starting would be allowed. Someone not eligible is told each reason; someone
/// eligible chooses the organisation that is applying and names the project, which starts a draft application and
/// its programme's workflow in the same request.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class EligibilityModel(CommissioningDbContext db, StartApplication start, TimeProvider clock) : PageModel
{

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

    /// <summary>The organisations the person belongs to that the service's records let apply to this round.</summary>
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>Why each of the person's other organisations cannot apply, shown beside the choice.</summary>
    public IReadOnlyList<string> OtherOrganisationsReasons { get; private set; } = [];

    private IReadOnlyList<Organisation> _memberOf = [];

    private Dictionary<OrganisationId, IReadOnlyList<string>> _recordReasons = [];

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

        Reasons = Listing.Round.FailedRules(Answers).Select(r => r.IneligibleBecause).ToList();
        if (Reasons.Count == 0)
        {
            await CheckRecordsAsync(cancellationToken);
        }

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

        if (Listing.Round.FailedRules(Answers).Select(r => r.IneligibleBecause).ToList() is { Count: > 0 } reasons)
        {
            Reasons = reasons;
            Current = Step.NotEligible;
            return Page();
        }

        Current = Step.Start;
        Organisation? organisation;
        if (OrganisationId is { } chosen)
        {
            organisation = _memberOf.SingleOrDefault(o => o.Id.Value == chosen);
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
            await CheckRecordsAsync(cancellationToken);
            return Reasons.Count > 0 ? NotEligible() : Page();
        }

        var result = await start.RunAsync(Listing.Round, Listing.Fund, organisation, title, ApplicationAccess.UserId(User)!, User.Identity!.Name!, cancellationToken);
        if (result is StartApplication.Refused refused)
        {
            await CheckRecordsAsync(cancellationToken, organisation);
            Reasons = _recordReasons.GetValueOrDefault(organisation.Id) is { Count: > 0 } recorded ? recorded : [refused.Message];
            return NotEligible();
        }

        return Redirect($"/Applications/{((StartApplication.Started)result).Application}");
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
        _memberOf = Organisations = await ApplicationAccess.OrganisationsOfAsync(db, User, cancellationToken);
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

    private PageResult NotEligible()
    {
        Current = Step.NotEligible;
        return Page();
    }

    /// <summary>
    /// Asks the round, for each organisation the person belongs to (or only <paramref name="only"/>), whether the
    /// service's records let it start an application. Only those that may are offered; when none may, every reason
    /// becomes the page's reasons.
    /// </summary>
    private async Task CheckRecordsAsync(CancellationToken cancellationToken, Organisation? only = null)
    {
        var round = Listing.Round;
        _recordReasons = [];
        foreach (var organisation in only is null ? _memberOf : [only])
        {
            var record = await ApplicantRecords.LoadAsync(db, round, organisation, cancellationToken);
            _recordReasons[organisation.Id] = round.IneligibleBecause(record, EligibilityStage.Starting);
        }

        Organisations = _memberOf.Where(o => _recordReasons.GetValueOrDefault(o.Id) is not { Count: > 0 }).ToList();
        OtherOrganisationsReasons = [.. _recordReasons.Values.SelectMany(r => r)];
        if (Organisations.Count == 0)
        {
            Reasons = OtherOrganisationsReasons;
        }
    }
}
