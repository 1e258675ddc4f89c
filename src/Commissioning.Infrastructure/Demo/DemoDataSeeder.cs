using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Demo;

public sealed record DemoSignIn(string Email, string FullName, string Role, string? Organisation);

/// <summary>
/// Fills an empty database with Thames Valley demo data: the 2021-2025 plan, the three funds for 2026/27, the nine
/// local authorities as Community Safety Partnerships, a few voluntary organisations, one open Police Property Act
/// Fund round and one sign-in per role. Only ever run in the demo and development configurations.
/// </summary>
public sealed class DemoDataSeeder(CommissioningDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string Password = "Demo-Commissioning-2026";

    public static IReadOnlyList<DemoSignIn> SignIns { get; } =
    [
        new("applicant@demo.commissioning.test", "Amira Okafor", Roles.Applicant, "Riverside Youth Project"),
        new("csp@demo.commissioning.test", "Daniel Hughes", Roles.Applicant, "Reading Borough Council"),
        new("grantholder@demo.commissioning.test", "Leila Ahmed", Roles.Applicant, "Cherwell Valley Community Shed"),
        new("officer@demo.commissioning.test", "Grace Whitfield", Roles.GrantsOfficer, null),
        new("assessor@demo.commissioning.test", "Tom Adebayo", Roles.Assessor, null),
        new("pcc@demo.commissioning.test", "Catherine Moreau", Roles.DecisionMaker, null),
        new("finance@demo.commissioning.test", "Priya Shah", Roles.Finance, null),
        new("approver@demo.commissioning.test", "Martin Oduya", Roles.FinanceApprover, null),
        new("admin@demo.commissioning.test", "Sam Fletcher", Roles.Admin, null),
    ];

    private static readonly (string Name, string Code, string Town, string Postcode)[] CommunitySafetyPartnerships =
    [
        ("Bracknell Forest Council", "BRC", "Bracknell", "RG12 1JD"),
        ("Buckinghamshire Council", "BKM", "Aylesbury", "HP19 8FF"),
        ("Milton Keynes City Council", "MIK", "Milton Keynes", "MK9 3EJ"),
        ("Oxfordshire County Council", "OXF", "Oxford", "OX1 1ND"),
        ("Reading Borough Council", "RDG", "Reading", "RG1 2LU"),
        ("Slough Borough Council", "SLG", "Slough", "SL1 3UF"),
        ("West Berkshire Council", "WBK", "Newbury", "RG14 5LD"),
        ("Royal Borough of Windsor and Maidenhead", "WNM", "Maidenhead", "SL6 1RF"),
        ("Wokingham Borough Council", "WOK", "Wokingham", "RG40 1BN"),
    ];

    /// <summary>The org-id the demo office publishes its grants as (an example in the Police and Crime Commissioners' list's form).</summary>
    public const string PublishesAs = "GB-GOR-PC000034";

    /// <summary>Seeds once: does nothing if any fund already exists. Returns whether it seeded.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Funds.AnyAsync(cancellationToken))
        {
            return false;
        }

        var plan = DemoPlan.ThamesValley2021To2025();
        db.Plans.Add(plan);

        var year = new FinancialYear(2026);
        var csf = new Fund("Community Safety Fund", ProgrammeKind.CommunitySafetyFund, "Police and Crime Commissioner's Community Safety Fund", PublishesAs, new FinanceCodes("CC4100", "5810", "CSF"));
        var csfBudget = csf.AddBudget(year);
        csfBudget.AddLine("Allocations to Community Safety Partnerships", Money.FromPounds(2_735_531));
        csfBudget.AddLine("Held by the OPCC for Thames Valley-wide projects", Money.FromPounds(303_948));

        var victims = new Fund("Victims' Services Grant", ProgrammeKind.VictimsServicesGrant, "Ministry of Justice grant for victims' services", PublishesAs, new FinanceCodes("CC4200", "5820", "MOJVS"));
        var victimsBudget = victims.AddBudget(year);
        victimsBudget.AddLine("Core victims' services", Money.FromPounds(1_800_000));
        victimsBudget.AddLine("Domestic abuse and sexual violence", Money.FromPounds(900_000), "Domestic abuse and sexual violence services, including ISVA and IDVA posts");

        var ppaf = new Fund("Police Property Act Fund", ProgrammeKind.PolicePropertyActFund, "Proceeds of property the police could not return to its owner (Police (Property) Regulations 1997, regulation 6)", PublishesAs, new FinanceCodes("CC4300", "5830", "PPAF"));
        ppaf.AddBudget(year).AddLine("Small grants to voluntary and community groups", Money.FromPounds(200_000));
        db.Funds.AddRange(csf, victims, ppaf);

        var ppafRound = PolicePropertyActFundRound(ppaf.Id, year);
        // Small grants for community groups: the round does not fund the plan's cybercrime or illegal encampments work.
        ppafRound.LimitToPriorities(plan.Priorities.Where(p => p.Title is not ("Fighting cybercrime and fraud" or "Tackling illegal encampments")).Select(p => p.Id));
        db.Rounds.Add(ppafRound);

        var organisations = CommunitySafetyPartnerships
            .Select(p => new Organisation(p.Name, LegalForm.LocalAuthority, RegistrationNumbers.Create(localAuthorityCode: p.Code), new PostalAddress("Council offices", null, p.Town, p.Postcode)))
            .Concat(
            [
                new Organisation("Riverside Youth Project", LegalForm.CharitableIncorporatedOrganisation, RegistrationNumbers.Create(charityNumber: "1187654"), new PostalAddress("14 Mill Lane", null, "Abingdon", "OX14 3HP")),
                new Organisation("Cherwell Valley Community Shed", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None, new PostalAddress("The Old Forge", "High Street", "Banbury", "OX16 5LA")),
                new Organisation("Chiltern Safe Homes", LegalForm.CompanyLimitedByGuarantee, RegistrationNumbers.Create(charityNumber: "1161234", companyNumber: "09876543"), new PostalAddress("3 Station Road", null, "High Wycombe", "HP13 6AD")),
                new Organisation("Oxford Road Youth Boxing CIC", LegalForm.CommunityInterestCompany, RegistrationNumbers.Create(companyNumber: "12345678"), new PostalAddress("Unit 2, Oxford Road", null, "Reading", "RG1 7LT")),
            ])
            .ToList();
        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        foreach (var signIn in SignIns)
        {
            var user = new AppUser { UserName = signIn.Email, Email = signIn.Email, EmailConfirmed = true, FullName = signIn.FullName };
            Check(await users.CreateAsync(user, Password), signIn.Email);
            Check(await users.AddToRoleAsync(user, signIn.Role), signIn.Email);
            if (signIn.Organisation is not null)
            {
                var organisation = organisations.Single(o => o.Name == signIn.Organisation);
                organisation.AddPerson(signIn.FullName, signIn.Email, PersonRole.MainContact, user.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded demo data: {Plan}, three funds for {Year}, {Organisations} organisations and {Users} demo sign-ins", plan.Title, year, organisations.Count, SignIns.Count);
        return true;
    }

    private FundingRound PolicePropertyActFundRound(FundId fundId, FinancialYear year)
    {
        var today = UkTime.DateOf(clock.GetUtcNow());
        var opens = UkTime.ToInstant(today.AddDays(-14), new TimeOnly(9, 0));
        var closes = UkTime.ToInstant(today.AddDays(21), new TimeOnly(12, 0));
        var form = new ApplicationForm(
        [
            new FormSection("about-project", "About your project",
            [
                new FormQuestion("project-summary", "Describe your project", QuestionType.LongText, MaxWords: 300, Hint: "What will you do, who will benefit and where? Up to 300 words."),
                new FormQuestion("need", "What evidence is there that this project is needed?", QuestionType.LongText, MaxWords: 250),
                new FormQuestion("start-date", "When will the project start?", QuestionType.Date),
                new FormQuestion("area", "Which areas will the project work in?", QuestionType.MultipleChoice, Options: ["Berkshire", "Buckinghamshire", "Milton Keynes", "Oxfordshire"]),
            ]),
            new FormSection("money", "Money",
            [
                new FormQuestion("amount", "How much are you asking for?", QuestionType.Money, Minimum: 0, Maximum: 10_000_00, Hint: "Up to £10,000."),
                new FormQuestion("other-funding", "Have you asked anyone else to fund this project?", QuestionType.YesNo),
                new FormQuestion("other-funding-details", "Who else have you asked, and for how much?", QuestionType.LongText, MaxWords: 150, ShowWhen: new ShowWhen("other-funding", "yes")),
            ]),
            new FormSection("outcomes", "Difference the project will make",
            [
                new FormQuestion("outcomes", "How will you know the project has worked?", QuestionType.LongText, MaxWords: 250),
                new FormQuestion("safeguarding", "Does your organisation have a safeguarding policy?", QuestionType.YesNo),
            ]),
        ]);

        var round = new FundingRound(
            fundId,
            year,
            $"Police Property Act Fund {year}: round 2",
            "Small grants of up to £10,000 for voluntary and community groups whose projects help to deliver the Police and Criminal Justice Plan in the Thames Valley.",
            opens,
            closes,
            Money.FromPounds(500),
            Money.FromPounds(10_000),
            new ScoreScale(0, 10),
            [
                new AssessmentCriterion("plan-fit", "Fit with the Police and Criminal Justice Plan", 25),
                new AssessmentCriterion("need", "Evidence of need", 20),
                new AssessmentCriterion("value", "Value for money", 20),
                new AssessmentCriterion("deliverability", "Deliverability", 20),
                new AssessmentCriterion("impact", "Impact and how it is measured", 15),
            ],
            [
                new EligibilityRule("constituted", "Is your group constituted, with a governing document such as a constitution or set of rules?", true, "The fund can only make grants to constituted groups."),
                new EligibilityRule("force-area", "Does your group work in the Thames Valley (Berkshire, Buckinghamshire, Milton Keynes or Oxfordshire)?", true, "The fund can only support work in the Thames Valley Police area."),
                new EligibilityRule("statutory", "Is your organisation a statutory body or a school?", false, "Statutory bodies and schools cannot apply to the Police Property Act Fund."),
                new EligibilityRule("recent-award", "Has your group had a Police Property Act Fund grant in the last 12 months?", false, "Groups can receive only one award from the fund in any 12 months.", FundingRound.NoAwardInLast12Months),
                new EligibilityRule("core-costs", "Is the money for your group's core running costs, salaries or buildings?", false, "The fund does not pay for core running costs, salaries or buildings."),
            ],
            form);

        // Statutory bodies cannot apply, judged on the legal form the service has recorded whatever the answer given.
        round.SetApplicantLimits(PolicePropertyActFundExclusions, allowsSeveralApplicationsPerOrganisation: false);
        round.Publish(clock.GetUtcNow());
        return round;
    }

    /// <summary>The legal forms the Police Property Act Fund does not fund: statutory bodies.</summary>
    public static readonly IReadOnlyList<LegalForm> PolicePropertyActFundExclusions = [LegalForm.LocalAuthority, LegalForm.OtherPublicBody];

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding demo data failed for {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
