using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;

namespace Commissioning.Tests.Domain;

public sealed class FundSetupTests
{
    private static readonly FinanceCodes Codes = new("cc1040", "5200", "VSG");

    private static readonly FinancialYear Year = new(2026);

    private static Fund VictimsFund() =>
        new("Victims' Services Grant", ProgrammeKind.VictimsServicesGrant, "Ministry of Justice grant for victims' services", "GB-GOR-PC000123", Codes);

    [Fact]
    public void A_fund_is_set_up_with_the_org_id_it_publishes_as_and_its_finance_codes()
    {
        var fund = VictimsFund();

        Assert.Equal("GB-GOR-PC000123", fund.PublishesAs);
        Assert.Equal(("CC1040", "5200", "VSG"), (fund.Codes.CostCentre, fund.Codes.NominalCode, fund.Codes.FundCode));
    }

    [Fact]
    public void A_fund_needs_all_three_finance_codes()
    {
        var message = Refusal.Of(() => new Fund("Police Property Act Fund", ProgrammeKind.PolicePropertyActFund, "Police (Property) Regulations 1997", "GB-GOR-PC000123", new FinanceCodes("CC1", null, " ")));

        Assert.Equal("Enter the fund's nominal code and fund code, as finance books it.", message);
    }

    [Theory]
    [InlineData("GB GOR PC000123")]
    [InlineData("gb-gor-PC000123")]
    [InlineData("PC000123")]
    public void An_org_id_that_is_not_one_is_refused_saying_how_to_write_it(string orgId)
    {
        var message = Refusal.Of(() => new Fund("Community Safety Fund", ProgrammeKind.CommunitySafetyFund, "PCC's budget", orgId, Codes));

        Assert.Contains("like GB-GOR-PC000123", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finance_code_with_spaces_or_symbols_is_refused()
    {
        Assert.Equal(
            "The cost centre can only have letters, numbers, hyphens, full stops and slashes, as your finance system writes it (for example CC1040).",
            Refusal.Of(() => new FinanceCodes("CC 10£", "5200", "F1")));
    }

    [Fact]
    public void A_line_has_its_own_codes_where_they_differ_and_its_funds_elsewhere()
    {
        var fund = VictimsFund();

        var line = fund.AddLine(Year, "Domestic abuse and sexual violence", Money.FromPounds(900_000), "ISVA and IDVA posts", new FinanceCodes("CC2050", null, null), null, Build.Officer, Build.ChangedAt);

        Assert.True(line.IsRingFenced);
        Assert.Equal(("CC2050", "5200", "VSG"), (line.OwnCodes.Over(fund.Codes).CostCentre, line.OwnCodes.Over(fund.Codes).NominalCode, line.OwnCodes.Over(fund.Codes).FundCode));
        Assert.Equal(Money.FromPounds(900_000), fund.BudgetFor(Year).Total);
    }

    [Fact]
    public void Victims_services_money_must_be_spent_by_31_March_of_its_year()
    {
        var fund = VictimsFund();

        var line = fund.AddLine(Year, "Core victims' services", Money.FromPounds(1_800_000), null, null, null, Build.Officer, Build.ChangedAt);
        var message = Refusal.Of(() => fund.AddLine(Year, "Carried over", Money.FromPounds(1_000), null, null, new DateOnly(2027, 4, 1), Build.Officer, Build.ChangedAt));

        Assert.Equal(new DateOnly(2027, 3, 31), line.SpendBy);
        Assert.Equal("Victims' Services Grant money must be spent within the financial year, by 31 March 2027, with no carry-over; 1 April 2027 is later.", message);
    }

    [Fact]
    public void An_in_year_uplift_is_a_line_of_its_own_with_its_own_end_date_and_reason()
    {
        var fund = VictimsFund();
        fund.AddLine(Year, "Core victims' services", Money.FromPounds(1_800_000), null, null, null, Build.Officer, Build.ChangedAt);

        var uplift = fund.AddUplift(Year, "Ministry of Justice uplift: ISVA", Money.FromPounds(85_000), new DateOnly(2026, 11, 2), new DateOnly(2027, 3, 31), "Ministry of Justice letter of 28 October 2026", "ISVA posts", null, Build.Officer, Build.ChangedAt);

        Assert.True(uplift.IsUplift);
        Assert.Equal(new DateOnly(2027, 3, 31), uplift.SpendBy);
        Assert.Equal(Money.FromPounds(1_885_000), fund.BudgetFor(Year).Total);
        Assert.Equal("Ministry of Justice letter of 28 October 2026", Assert.Single(uplift.Changes).Reason);
    }

    [Fact]
    public void A_victims_services_uplift_cannot_run_past_31_March()
    {
        var fund = VictimsFund();
        fund.AddLine(Year, "Core victims' services", Money.FromPounds(1_800_000), null, null, null, Build.Officer, Build.ChangedAt);

        var message = Refusal.Of(() => fund.AddUplift(Year, "Uplift", Money.FromPounds(10_000), new DateOnly(2027, 2, 1), new DateOnly(2027, 6, 30), "Late money", null, null, Build.Officer, Build.ChangedAt));

        Assert.Contains("by 31 March 2027, with no carry-over; 30 June 2027 is later", message, StringComparison.Ordinal);
        Assert.Single(fund.BudgetFor(Year).Lines);
    }

    [Fact]
    public void An_uplift_needs_the_years_budget_and_a_reason()
    {
        var fund = VictimsFund();

        Assert.StartsWith("Victims' Services Grant has no budget for 2026/27 yet.", Refusal.Of(() => fund.AddUplift(Year, "Uplift", Money.FromPounds(10_000), new DateOnly(2026, 11, 2), new DateOnly(2027, 3, 31), "Letter", null, null, Build.Officer, Build.ChangedAt)), StringComparison.Ordinal);
        fund.AddLine(Year, "Core", Money.FromPounds(1_000), null, null, null, Build.Officer, Build.ChangedAt);
        Assert.Equal("Enter the reason for the uplift.", Refusal.Of(() => fund.AddUplift(Year, "Uplift", Money.FromPounds(10_000), new DateOnly(2026, 11, 2), new DateOnly(2027, 3, 31), " ", null, null, Build.Officer, Build.ChangedAt)));
    }

    [Fact]
    public void Every_change_to_a_lines_amount_is_recorded_with_who_when_and_why()
    {
        var fund = VictimsFund();
        var line = fund.AddLine(Year, "Core victims' services", Money.FromPounds(1_800_000), null, null, null, "first@example.org", Build.ChangedAt);

        line.ChangeAmount(Money.FromPounds(1_750_000), "Grant letter revised the allocation", "second@example.org", Build.ChangedAt.AddDays(3));
        line.SetOverProgrammingMargin(Money.FromPounds(50_000), "Underspend of about 3% in each of the last three years", "third@example.org", Build.ChangedAt.AddDays(4));

        Assert.Collection(
            line.Changes,
            c => Assert.Equal(("Set up at £1,800,000.00", "first@example.org"), (c.Describe(), c.By)),
            c => Assert.Equal(("Amount changed from £1,800,000.00 to £1,750,000.00", "second@example.org", "Grant letter revised the allocation", Build.ChangedAt.AddDays(3)), (c.Describe(), c.By, c.Reason, c.At)),
            c => Assert.Equal(("Over-programming margin changed from £0.00 to £50,000.00", "Underspend of about 3% in each of the last three years"), (c.Describe(), c.Reason)));
    }

    [Fact]
    public void A_change_needs_a_reason()
    {
        var line = Build.Line(10_000m);

        Assert.Equal("Enter the reason for the change.", Refusal.Of(() => line.ChangeAmount(Build.Pounds(9_000m), "  ", Build.Officer, Build.ChangedAt)));
        Assert.Equal(Build.Pounds(10_000m), line.Amount);
    }

    [Fact]
    public void Lowering_a_line_below_its_commitments_is_refused_saying_by_how_much_it_may_be_lowered()
    {
        var line = Build.Line(5_000m);
        line.SetOverProgrammingMargin(Build.Pounds(250m), "Historic underspend", Build.Officer, Build.ChangedAt);
        line.Commit(Build.Pounds(1_250m));
        var changesBefore = line.Changes.Count;

        var message = Refusal.Of(() => line.ChangeAmount(Build.Pounds(900m), "Money moved to another line", Build.Officer, Build.ChangedAt));

        Assert.Equal("£1,250.00 is already committed from General pot, so its amount plus margin cannot go below that: £900.00 with its £250.00 margin would leave it £100.00 short. Lower the amount by at most £4,000.00 (to no less than £1,000.00).", message);
        Assert.Equal(Build.Pounds(5_000m), line.Amount);
        Assert.Equal(changesBefore, line.Changes.Count);
    }

    [Fact]
    public void Finance_records_an_organisations_supplier_reference_with_who_and_when()
    {
        var organisation = new Organisation("Riverside Youth Project", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);

        organisation.RecordSupplierReference(" sup-004512 ", "finance@example.org", Build.ChangedAt);

        Assert.Equal(("SUP-004512", "finance@example.org", Build.ChangedAt), (organisation.SupplierReference, organisation.SupplierReferenceRecordedBy, organisation.SupplierReferenceRecordedAt));
        Assert.StartsWith("The supplier reference can only have letters", Refusal.Of(() => organisation.RecordSupplierReference("SUP 45", "finance@example.org", Build.ChangedAt)), StringComparison.Ordinal);
        Assert.Equal("SUP-004512", organisation.SupplierReference);
    }
}
