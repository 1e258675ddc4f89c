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

    public FundId Id { get; private set; }

    public string Name { get; private set; }

    public ProgrammeKind Programme { get; private set; }

    /// <summary>Where the money comes from, e.g. "Ministry of Justice victims' services grant" or "Police (Property) Regulations 1997, reg. 6".</summary>
    public string FundingSource { get; private set; }

    public IReadOnlyCollection<FundBudget> Budgets => _budgets.AsReadOnly();

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
