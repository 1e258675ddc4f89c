using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Demo;

/// <summary>
/// Demo data only: an open, competitive victims' services round, set up through the same use cases a grants officer
/// uses from the round pages (set up from a budget line, who may apply, priorities, assessment, award terms, the
/// application form, publishing), so the demo shows what an office builds itself rather than what a developer seeded.
/// Its form has the showstoppers, the needs and equality assessment, the delivery area and the categories of need that
/// a victims' services bid asks for.
/// </summary>
public sealed class DemoVictimsRound(CommissioningDbContext db, SetUpRound setUp, ChangeRound change, ChangeApplicationForm form, PublishRound publish, TimeProvider clock)
{
    public const string Title = "Victims' services 2026/27: support for victims of domestic abuse and sexual violence";

    private const string By = "officer@demo.commissioning.test";

    /// <summary>The areas the round covers: the whole Thames Valley, by the ONS codes of its local-authority areas.</summary>
    private static readonly string[] ThamesValley = ["E06000036", "E06000060", "E07000177", "E06000042", "E07000178", "E06000038", "E06000039", "E07000179", "E07000180", "E06000037", "E07000181", "E06000040", "E06000041"];

    public async Task<FundingRound> SeedAsync(CancellationToken cancellationToken = default)
    {
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Programme == ProgrammeKind.VictimsServicesGrant, cancellationToken);
        var line = await db.BudgetLines.AsNoTracking().SingleAsync(l => l.FundId == fund.Id && l.Name == "Domestic abuse and sexual violence", cancellationToken);
        var now = clock.GetUtcNow();
        var today = UkTime.DateOf(now);

        var round = await setUp.RunAsync(
            fund.Id,
            new SetUpRound.Details(
                Title,
                "Grants for services that help victims of domestic abuse and sexual violence in the Thames Valley to cope and recover: independent advocacy (IDVA and ISVA), therapeutic support and outreach to victims who are seldom heard. Services must be free to victims, whether or not they have reported the crime to the police.",
                UkTime.ToInstant(today.AddDays(-7), new TimeOnly(9, 0)),
                UkTime.ToInstant(today.AddMonths(1), new TimeOnly(12, 0)),
                Money.FromPounds(20_000),
                Money.FromPounds(150_000),
                line.Id,
                Money.FromPounds(600_000)),
            By,
            now,
            cancellationToken);

        var plan = await db.Plans.AsNoTracking().Include(p => p.Priorities).OrderByDescending(p => p.PeriodStart).FirstAsync(cancellationToken);
        await change.RunAsync(round.Id, By, reason: null, (settings, note) =>
        {
            settings.SetWhoMayApply([LegalForm.LocalAuthority], allowsSeveralApplicationsPerOrganisation: false, monthsBetweenAwards: null, excludesCoreCosts: false, ThamesValley, note);
            settings.LimitToPriorities(plan.Priorities.Where(p => p.Title is "Improving the criminal justice system" or "Strong local policing").Select(p => p.Id), note);
            settings.SetAssessment(
                new ScoreScale(0, 4),
                [
                    new AssessmentCriterion("need", "Need and the evidence for it", 25, "How well the bid shows the needs of the victims it will serve, from local data and victims' own views."),
                    new AssessmentCriterion("service", "The service and how victims shape it", 25, "Whether the service follows the Victims' Code and what victims say they need, and how victims' feedback changes it."),
                    new AssessmentCriterion("equality", "Reaching every victim", 15, "How the service reaches victims who are seldom heard, and what the equality assessment found."),
                    new AssessmentCriterion("partnership", "Working with others", 10, "Referral routes with the police, Victims First and other services."),
                    new AssessmentCriterion("outcomes", "Outcomes and how they are measured", 15, "Measures against the plan's outcomes, and how they will be collected."),
                    new AssessmentCriterion("value", "Value for money", 10, "Costs that are realistic and explained."),
                ],
                moderationThreshold: 20,
                note);
            settings.SetTerms(RoundTerms.Standard(ProgrammeKind.VictimsServicesGrant), note);
        }, cancellationToken);

        var areas = ThamesValley.Select(code => LocalAuthorityAreas.Find(code)!.Name).Order(StringComparer.Ordinal).ToList();
        var built = await form.RunAsync(round.Id.Value, _ => VictimsServicesForm(areas), cancellationToken);
        if (built is not ChangeApplicationForm.Changed)
        {
            throw new InvalidOperationException($"The demo victims' services form was refused: {(built as ChangeApplicationForm.Refused)?.Message}");
        }

        var published = await publish.RunAsync(round.Id.Value, cancellationToken);
        return published is PublishRound.Published done
            ? done.Round
            : throw new InvalidOperationException($"The demo victims' services round could not be published: {string.Join(" ", (published as PublishRound.Refused)?.Reasons ?? [])}");
    }

    private static ApplicationForm VictimsServicesForm(IReadOnlyList<string> areas) => new(
    [
        new FormSection("before-you-apply", "Before you apply",
        [
            new FormQuestion("free-to-victims", "Will the service be free to every victim who uses it?", QuestionType.YesNo,
                StopsApplicationIfNo: "The Ministry of Justice grant pays only for services that are free to victims."),
            new FormQuestion("without-reporting", "Will victims be able to use the service whether or not they have reported the crime to the police?", QuestionType.YesNo,
                StopsApplicationIfNo: "Services funded from the victims' services grant must be open to victims who have not reported the crime."),
            new FormQuestion("safeguarding", "Does your organisation have safeguarding policies for children and adults at risk, reviewed in the last 12 months?", QuestionType.YesNo,
                StopsApplicationIfNo: "Your organisation needs up-to-date safeguarding policies before it can apply. Contact the office if you need help with them."),
        ]),
        new FormSection("the-service", "The service",
        [
            new FormQuestion("service-name", "What is the service called?", QuestionType.ShortText, MaxLength: 120),
            new FormQuestion("service-summary", "Describe the service", QuestionType.LongText, MaxWords: 400, Hint: "What support will victims get, from whom, and how do they reach it? Up to 400 words."),
            new FormQuestion("categories-of-need", "Which victims will the service support?", QuestionType.MultipleChoice, Hint: "Select all that apply.",
                Options: ["Victims of domestic abuse", "Victims of rape and sexual violence", "Children and young people affected by domestic abuse", "Victims of stalking and harassment", "Victims of so-called honour-based abuse and forced marriage", "Victims of modern slavery and exploitation"]),
            new FormQuestion("delivery-area", "Which local-authority areas will the service cover?", QuestionType.MultipleChoice, Hint: "Select all that apply.", Options: areas),
            new FormQuestion("victims-per-year", "How many victims will the service support each year?", QuestionType.WholeNumber, Minimum: 1, Maximum: 100_000),
            new FormQuestion("start-date", "When will the service start?", QuestionType.Date),
        ]),
        new FormSection("needs-and-equality", "Needs and equality assessment",
        [
            new FormQuestion("needs-assessment", "What needs will the service meet, and what is your evidence for them?", QuestionType.LongText, MaxWords: 400,
                Hint: "Use local data, referrals you could not take, and what victims have told you."),
            new FormQuestion("seldom-heard", "Which victims are least likely to get support today, and how will the service reach them?", QuestionType.LongText, MaxWords: 300),
            new FormQuestion("equality-assessment", "Have you carried out an equality impact assessment of the service?", QuestionType.YesNo),
            new FormQuestion("equality-findings", "What did the equality impact assessment find, and what will you do about it?", QuestionType.LongText, MaxWords: 300,
                ShowWhen: new ShowWhen("equality-assessment", "yes")),
            new FormQuestion("equality-plan", "When will you carry it out, and who will do it?", QuestionType.LongText, MaxWords: 150,
                ShowWhen: new ShowWhen("equality-assessment", "no")),
        ]),
        new FormSection("money", "Money",
        [
            new FormQuestion(ApplicationForm.AmountQuestionKey, "How much are you asking for in 2026/27?", QuestionType.Money, Minimum: 20_000_00, Maximum: 150_000_00, Hint: "From £20,000 to £150,000."),
            new FormQuestion("other-funding", "Is the service funded by anyone else?", QuestionType.YesNo),
            new FormQuestion("other-funding-details", "Who else funds it, and how much for?", QuestionType.LongText, MaxWords: 150, ShowWhen: new ShowWhen("other-funding", "yes")),
            new FormQuestion("accounts", "Upload your latest annual accounts", QuestionType.FileUpload, Required: false, Hint: "If the office already has them, you can leave this out."),
        ]),
    ]);
}
