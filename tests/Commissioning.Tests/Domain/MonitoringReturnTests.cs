using Commissioning.Domain.Common;
using Commissioning.Domain.Monitoring;

namespace Commissioning.Tests.Domain;

public class MonitoringReturnTests
{
    private static readonly DateTimeOffset SubmittedAt = new(2026, 7, 20, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_return_is_due()
    {
        var monitoringReturn = Build.QuarterOneReturn();

        Assert.Equal(ReturnStatus.Due, monitoringReturn.Status);
        Assert.Null(monitoringReturn.SubmittedAt);
    }

    [Fact]
    public void A_return_is_overdue_only_after_its_due_date()
    {
        var monitoringReturn = Build.QuarterOneReturn();

        Assert.False(monitoringReturn.IsOverdueOn(new DateOnly(2026, 7, 31)));
        Assert.True(monitoringReturn.IsOverdueOn(new DateOnly(2026, 8, 1)));
    }

    [Fact]
    public void A_submitted_return_is_not_overdue()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);

        Assert.False(monitoringReturn.IsOverdueOn(new DateOnly(2026, 8, 15)));
        Assert.Equal(ReturnStatus.Submitted, monitoringReturn.Status);
        Assert.Equal(Build.Pounds(2_400m), monitoringReturn.SpendToDate);
        Assert.Equal("lead@riverside.org.uk", monitoringReturn.SubmittedBy);
        Assert.Equal(SubmittedAt, monitoringReturn.SubmittedAt);
    }

    [Fact]
    public void Reviewing_a_return_before_it_is_submitted_is_refused()
    {
        var monitoringReturn = Build.QuarterOneReturn();

        Assert.Equal("Only a submitted return can be reviewed; 'Quarter 1 return 2026/27' is due.", Refusal.Of(monitoringReturn.Accept));
        Assert.Equal("Only a submitted return can be reviewed; 'Quarter 1 return 2026/27' is due.", Refusal.Of(() => monitoringReturn.ReturnForChanges("Add the spend breakdown")));
        Assert.Equal(ReturnStatus.Due, monitoringReturn.Status);
    }

    [Fact]
    public void Accepting_a_return_twice_is_refused()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);
        monitoringReturn.Accept();

        Assert.Equal("Only a submitted return can be reviewed; 'Quarter 1 return 2026/27' is accepted.", Refusal.Of(monitoringReturn.Accept));
        Assert.Equal(ReturnStatus.Accepted, monitoringReturn.Status);
    }

    [Fact]
    public void Submitting_a_return_twice_is_refused()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);

        var message = Refusal.Of(() => monitoringReturn.Submit(Build.Pounds(3_000m), "Updated", "lead@riverside.org.uk", SubmittedAt.AddDays(1)));

        Assert.Equal("'Quarter 1 return 2026/27' was already submitted; it cannot be submitted again.", message);
        Assert.Equal(Build.Pounds(2_400m), monitoringReturn.SpendToDate);
    }

    [Fact]
    public void Submitting_an_accepted_return_is_refused()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);
        monitoringReturn.Accept();

        var message = Refusal.Of(() => monitoringReturn.Submit(Build.Pounds(3_000m), "Updated", "lead@riverside.org.uk", SubmittedAt.AddDays(1)));

        Assert.Equal("'Quarter 1 return 2026/27' was already accepted; it cannot be submitted again.", message);
    }

    [Fact]
    public void A_return_sent_back_for_changes_can_be_submitted_again_and_becomes_overdue_if_late()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);

        monitoringReturn.ReturnForChanges("Add the spend breakdown by budget heading.");

        Assert.Equal(ReturnStatus.ReturnedForChanges, monitoringReturn.Status);
        Assert.Equal("Add the spend breakdown by budget heading.", monitoringReturn.ReviewerComment);
        Assert.True(monitoringReturn.IsOverdueOn(new DateOnly(2026, 8, 1)));

        monitoringReturn.Submit(Build.Pounds(2_450m), "Breakdown attached.", "lead@riverside.org.uk", SubmittedAt.AddDays(3));

        Assert.Equal(ReturnStatus.Submitted, monitoringReturn.Status);
        Assert.Equal(Build.Pounds(2_450m), monitoringReturn.SpendToDate);
    }

    [Fact]
    public void Sending_a_return_back_needs_a_comment()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);

        Assert.Equal("Enter the changes needed.", Refusal.Of(() => monitoringReturn.ReturnForChanges(" ")));
        Assert.Equal(ReturnStatus.Submitted, monitoringReturn.Status);
    }

    [Fact]
    public void Negative_spend_to_date_is_refused()
    {
        var monitoringReturn = Build.QuarterOneReturn();

        var message = Refusal.Of(() => monitoringReturn.Submit(Build.Pence(-1), "Refund received", "lead@riverside.org.uk", SubmittedAt));

        Assert.Equal("Spend to date cannot be less than £0.00.", message);
        Assert.Equal(ReturnStatus.Due, monitoringReturn.Status);
    }

    [Fact]
    public void Submitting_without_a_summary_of_progress_is_refused_and_changes_nothing()
    {
        var monitoringReturn = Build.QuarterOneReturn();
        monitoringReturn.Submit(Build.Pounds(2_400m), "Recruited two youth workers.", "lead@riverside.org.uk", SubmittedAt);
        monitoringReturn.ReturnForChanges("Add the spend breakdown by budget heading.");

        var message = Refusal.Of(() => monitoringReturn.Submit(Build.Pounds(9_999m), " ", "lead@riverside.org.uk", SubmittedAt.AddDays(2)));

        Assert.Equal("Enter the summary of progress.", message);
        Assert.Equal(ReturnStatus.ReturnedForChanges, monitoringReturn.Status);
        Assert.Equal(Build.Pounds(2_400m), monitoringReturn.SpendToDate);
        Assert.Equal("Recruited two youth workers.", monitoringReturn.Narrative);
    }

    [Fact]
    public void A_return_period_must_not_end_before_it_starts()
    {
        var message = Refusal.Of(() => new MonitoringReturn(AwardId.New(), ReturnKind.Quarterly, "Quarter 1", new DateOnly(2026, 6, 30), new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 31)));

        Assert.Equal("A return's period must end on or after it starts.", message);
    }

    [Fact]
    public void A_return_needs_a_title()
    {
        var message = Refusal.Of(() => new MonitoringReturn(AwardId.New(), ReturnKind.EndOfGrant, "", new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)));

        Assert.Equal("Enter the return title.", message);
    }
}
