using Commissioning.Domain.Common;

namespace Commissioning.Domain.Funds;

public enum ProgrammeKind
{
    CommunitySafetyFund = 1,
    VictimsServicesGrant = 2,
    PolicePropertyActFund = 3,
}

public static class ProgrammeKindNames
{
    public static string Describe(this ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.CommunitySafetyFund => "Community Safety Fund",
        ProgrammeKind.VictimsServicesGrant => "Victims' Services Grant",
        ProgrammeKind.PolicePropertyActFund => "Police Property Act Fund",
        _ => throw new DomainException($"Unknown programme {(int)kind}."),
    };

    /// <summary>The letters that start an application's reference, e.g. PPAF-2026-00042.</summary>
    public static string ReferencePrefix(this ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.CommunitySafetyFund => "CSF",
        ProgrammeKind.VictimsServicesGrant => "VSG",
        ProgrammeKind.PolicePropertyActFund => "PPAF",
        _ => throw new DomainException($"Unknown programme {(int)kind}."),
    };

    /// <summary>Who the programme's rounds are for, in the words shown to people looking for funding.</summary>
    public static string WhoCanApply(this ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.CommunitySafetyFund => "Community Safety Partnerships in the force area",
        ProgrammeKind.VictimsServicesGrant => "Organisations that provide free services to help victims of crime cope and recover",
        ProgrammeKind.PolicePropertyActFund => "Constituted voluntary and community groups working in the force area (not statutory bodies or schools)",
        _ => throw new DomainException($"Unknown programme {(int)kind}."),
    };
}

/// <summary>A fund the office runs under one programme, with a budget for each financial year.</summary>
public sealed class Fund
{
    public const int NameMaxLength = 200;

    public const int FundingSourceMaxLength = 300;

    private readonly List<FundBudget> _budgets = [];

    private Fund()
    {
        Name = string.Empty;
        FundingSource = string.Empty;
    }

    /// <summary>A fund whose publishing org-id and finance codes are not set yet (an officer adds them with <see cref="ChangeDetails"/>).</summary>
    public Fund(string name, ProgrammeKind programme, string fundingSource)
    {
        if (!Enum.IsDefined(programme))
        {
            throw new DomainException("Choose the programme this fund belongs to.");
        }

        Id = FundId.New();
        Name = Text.SingleLine(name, "fund name", NameMaxLength);
        Programme = programme;
        FundingSource = Text.SingleLine(fundingSource, "funding source", FundingSourceMaxLength);
    }

    /// <summary>A fund set up in full: the org-id the office publishes its grants as, and the codes finance books it to.</summary>
    public Fund(string name, ProgrammeKind programme, string fundingSource, string publishesAs, FinanceCodes codes)
        : this(name, programme, fundingSource)
    {
        ChangeDetails(name, fundingSource, publishesAs, codes);
    }

    public FundId Id { get; private set; }

    public string Name { get; private set; }

    public ProgrammeKind Programme { get; private set; }

    /// <summary>Where the money comes from, e.g. "Ministry of Justice victims' services grant" or "Police (Property) Regulations 1997, reg. 6".</summary>
    public string FundingSource { get; private set; }

    /// <summary>The org-id the office publishes this fund's grants under (360Giving's funding organisation), e.g. GB-GOR-PC000123.</summary>
    public string? PublishesAs { get; private set; }

    public string? CostCentre { get; private set; }

    public string? NominalCode { get; private set; }

    public string? FundCode { get; private set; }

    /// <summary>The codes finance books this fund's money to; a line's own codes take their place where set.</summary>
    public FinanceCodes Codes => new(CostCentre, NominalCode, FundCode);

    public IReadOnlyCollection<FundBudget> Budgets => _budgets.AsReadOnly();

    /// <summary>
    /// The last day this fund's money for a year may be spent, when its programme sets one: victims' services grant
    /// money must be spent within the financial year, by 31 March, with no carry-over.
    /// </summary>
    public DateOnly? MustBeSpentBy(FinancialYear year) =>
        Programme == ProgrammeKind.VictimsServicesGrant ? year.LastDay : null;

    /// <summary>Changes the fund's name, funding source, publishing org-id and finance codes; all are required. Its programme never changes.</summary>
    public void ChangeDetails(string name, string fundingSource, string publishesAs, FinanceCodes codes)
    {
        var newName = Text.SingleLine(name, "fund name", NameMaxLength);
        var source = Text.SingleLine(fundingSource, "funding source", FundingSourceMaxLength);
        var orgId = PublisherOrgId.Normalise(publishesAs);
        if (codes.CostCentre is null || codes.NominalCode is null || codes.FundCode is null)
        {
            var missing = new[] { codes.CostCentre is null ? "cost centre" : null, codes.NominalCode is null ? "nominal code" : null, codes.FundCode is null ? "fund code" : null }.OfType<string>();
            throw new DomainException($"Enter the fund's {string.Join(" and ", missing)}, as finance books it.");
        }

        Name = newName;
        FundingSource = source;
        PublishesAs = orgId;
        CostCentre = codes.CostCentre;
        NominalCode = codes.NominalCode;
        FundCode = codes.FundCode;
    }

    /// <summary>
    /// Adds a line to the year's budget, starting the budget if the year has none. A line may be ring-fenced for a
    /// purpose, have its own finance codes, and a date its money must be spent by (never later than the programme
    /// allows). Who set it up, and when, starts the line's history.
    /// </summary>
    public BudgetLine AddLine(FinancialYear year, string name, Money amount, string? ringFencedFor, FinanceCodes? codes, DateOnly? spendBy, string by, DateTimeOffset at)
    {
        var checkedSpendBy = CheckedSpendBy(year, spendBy ?? MustBeSpentBy(year));
        var budget = _budgets.SingleOrDefault(b => b.Year == year) ?? AddBudget(year);
        var line = budget.AddLine(name, amount, ringFencedFor);
        line.SetUp(codes, checkedSpendBy, null, null, by, at);
        return line;
    }

    /// <summary>
    /// Adds money that arrived during the year (an in-year uplift) as a line of its own, with the date it arrived,
    /// why, and its own end date: the date it must be spent by. The year's budget must already exist.
    /// </summary>
    public BudgetLine AddUplift(FinancialYear year, string name, Money amount, DateOnly receivedOn, DateOnly spendBy, string reason, string? ringFencedFor, FinanceCodes? codes, string by, DateTimeOffset at)
    {
        var budget = _budgets.SingleOrDefault(b => b.Year == year)
            ?? throw new DomainException($"{Name} has no budget for {year} yet. An uplift adds to a year's budget: add the year's budget lines first.");
        if (!year.Contains(receivedOn))
        {
            throw new DomainException($"An uplift for {year} must arrive between {year.FirstDay:d MMMM yyyy} and {year.LastDay:d MMMM yyyy}; {receivedOn:d MMMM yyyy} is not in that year.");
        }

        if (spendBy < receivedOn)
        {
            throw new DomainException($"The uplift must be spent by a date on or after it arrives ({receivedOn:d MMMM yyyy}); {spendBy:d MMMM yyyy} is before it.");
        }

        var checkedSpendBy = CheckedSpendBy(year, spendBy);
        var because = Text.Required(reason, "reason for the uplift", BudgetLine.PurposeMaxLength);
        if (!amount.IsPositive)
        {
            throw new DomainException("An uplift must be more than £0.00.");
        }

        var line = budget.AddLine(name, amount, ringFencedFor);
        line.SetUp(codes, checkedSpendBy, receivedOn, because, by, at);
        return line;
    }

    private DateOnly? CheckedSpendBy(FinancialYear year, DateOnly? spendBy)
    {
        if (spendBy is not { } date)
        {
            return null;
        }

        if (date < year.FirstDay)
        {
            throw new DomainException($"Money in the {year} budget cannot have to be spent before the year starts on {year.FirstDay:d MMMM yyyy}.");
        }

        if (MustBeSpentBy(year) is { } latest && date > latest)
        {
            throw new DomainException($"{Programme.Describe()} money must be spent within the financial year, by {latest:d MMMM yyyy}, with no carry-over; {date:d MMMM yyyy} is later.");
        }

        return date;
    }

    public FundBudget AddBudget(FinancialYear year)
    {
        if (_budgets.Any(b => b.Year == year))
        {
            throw new DomainException($"{Name} already has a budget for {year}.");
        }

        var budget = new FundBudget(Id, year);
        _budgets.Add(budget);
        return budget;
    }

    public FundBudget BudgetFor(FinancialYear year) =>
        _budgets.SingleOrDefault(b => b.Year == year) ?? throw new DomainException($"{Name} has no budget for {year}.");

    /// <summary>
    /// The line an award from this fund for the year commits against: the budget's only line, or its only line that
    /// is not ring-fenced. A budget with several lines that are not ring-fenced needs an officer to choose, so this
    /// refuses to guess; so does a year with no budget.
    /// </summary>
    public BudgetLine LineForAnAward(FinancialYear year)
    {
        var lines = _budgets.SingleOrDefault(b => b.Year == year)?.Lines.ToList() ?? [];
        if (lines.Count == 0)
        {
            throw new DomainException($"{Name} has no budget for {year}, so no award can be made from it. Set the budget first.");
        }

        var open = lines.Count == 1 ? lines : lines.Where(l => !l.IsRingFenced).ToList();
        return open.Count == 1
            ? open[0]
            : throw new DomainException($"{Name} has {open.Count} budget lines for {year} that are not ring-fenced, so the service cannot tell which one this award should come from.");
    }
}

/// <summary>One fund's budget for one financial year, made of lines; some lines are ring-fenced for a purpose.</summary>
public sealed class FundBudget
{
    private readonly List<BudgetLine> _lines = [];

    private FundBudget()
    {
    }

    internal FundBudget(FundId fundId, FinancialYear year)
    {
        Id = BudgetId.New();
        FundId = fundId;
        Year = year;
    }

    public BudgetId Id { get; private set; }

    public FundId FundId { get; private set; }

    public FinancialYear Year { get; private set; }

    public IReadOnlyCollection<BudgetLine> Lines => _lines.AsReadOnly();

    public Money Total => Money.Sum(_lines.Select(l => l.Amount));

    public Money Committed => Money.Sum(_lines.Select(l => l.Committed));

    public BudgetLine AddLine(string name, Money amount, string? ringFencedFor = null)
    {
        if (_lines.Any(l => string.Equals(l.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"The {Year} budget already has a line called '{name.Trim()}'.");
        }

        var line = new BudgetLine(Id, FundId, Year, name, amount, ringFencedFor);
        _lines.Add(line);
        return line;
    }
}
