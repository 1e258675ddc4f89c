using Commissioning.Domain.Common;
using Commissioning.Domain.Payments;

namespace Commissioning.Tests.Domain;

public class PaymentTests
{
    private static readonly DateTimeOffset ApprovedAt = new(2026, 10, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_payment_is_scheduled()
    {
        var payment = Build.Payment(6_000m);

        Assert.Equal(PaymentStatus.Scheduled, payment.Status);
        Assert.Equal(Build.Pounds(6_000m), payment.Amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void A_payment_of_nothing_or_less_is_refused(long pence)
    {
        var message = Refusal.Of(() => new Payment(AwardId.New(), InstalmentId.New(), OrganisationId.New(), Build.Pence(pence), new DateOnly(2026, 11, 1)));

        Assert.Equal("A payment must be more than £0.00.", message);
    }

    [Fact]
    public void A_payment_is_approved_then_exported_then_marked_paid()
    {
        var payment = Build.Payment();

        payment.Approve("grants.officer@opcc.example", ApprovedAt);
        payment.MarkExported("BACS-2026-11-01");
        payment.MarkPaid(new DateOnly(2026, 11, 3));

        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Equal("grants.officer@opcc.example", payment.ApprovedBy);
        Assert.Equal(ApprovedAt, payment.ApprovedAt);
        Assert.Equal("BACS-2026-11-01", payment.ExportBatch);
        Assert.Equal(new DateOnly(2026, 11, 3), payment.PaidOn);
    }

    [Fact]
    public void Marking_a_payment_paid_before_it_is_exported_is_refused()
    {
        var payment = Build.Payment();
        payment.Approve("grants.officer@opcc.example", ApprovedAt);

        var message = Refusal.Of(() => payment.MarkPaid(new DateOnly(2026, 11, 3)));

        Assert.Equal("A payment that is approved cannot be marked paid.", message);
        Assert.Equal(PaymentStatus.Approved, payment.Status);
        Assert.Null(payment.PaidOn);
    }

    [Fact]
    public void Marking_a_scheduled_payment_paid_is_refused()
    {
        var payment = Build.Payment();

        Assert.Equal("A payment that is scheduled cannot be marked paid.", Refusal.Of(() => payment.MarkPaid(new DateOnly(2026, 11, 3))));
    }

    [Fact]
    public void Approving_twice_is_refused_and_keeps_the_first_approver()
    {
        var payment = Build.Payment();
        payment.Approve("grants.officer@opcc.example", ApprovedAt);

        var message = Refusal.Of(() => payment.Approve("someone.else@opcc.example", ApprovedAt.AddHours(1)));

        Assert.Equal("A payment that is approved cannot be marked approved.", message);
        Assert.Equal("grants.officer@opcc.example", payment.ApprovedBy);
        Assert.Equal(ApprovedAt, payment.ApprovedAt);
    }

    [Fact]
    public void Exporting_before_approval_is_refused()
    {
        var payment = Build.Payment();

        Assert.Equal("A payment that is scheduled cannot be marked exported.", Refusal.Of(() => payment.MarkExported("BACS-2026-11-01")));
        Assert.Null(payment.ExportBatch);
    }

    [Fact]
    public void Cancelling_a_paid_payment_is_refused()
    {
        var payment = Build.Payment();
        payment.Approve("grants.officer@opcc.example", ApprovedAt);
        payment.MarkExported("BACS-2026-11-01");
        payment.MarkPaid(new DateOnly(2026, 11, 3));

        var message = Refusal.Of(() => payment.Cancel("Duplicate"));

        Assert.Equal("A payment that is paid cannot be marked cancelled.", message);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Null(payment.CancelledBecause);
    }

    [Fact]
    public void Cancelling_an_exported_payment_is_refused()
    {
        var payment = Build.Payment();
        payment.Approve("grants.officer@opcc.example", ApprovedAt);
        payment.MarkExported("BACS-2026-11-01");

        Assert.Equal("A payment that is exported cannot be marked cancelled.", Refusal.Of(() => payment.Cancel("Duplicate")));
    }

    [Fact]
    public void A_scheduled_or_approved_payment_can_be_cancelled_with_a_reason()
    {
        var scheduled = Build.Payment();
        var approved = Build.Payment();
        approved.Approve("grants.officer@opcc.example", ApprovedAt);

        scheduled.Cancel("Award withdrawn");
        approved.Cancel("Bank details being checked");

        Assert.Equal(PaymentStatus.Cancelled, scheduled.Status);
        Assert.Equal("Award withdrawn", scheduled.CancelledBecause);
        Assert.Equal(PaymentStatus.Cancelled, approved.Status);
        Assert.Equal("A payment that is cancelled cannot be marked approved.", Refusal.Of(() => scheduled.Approve("grants.officer@opcc.example", ApprovedAt)));
    }

    [Fact]
    public void Approving_without_naming_the_approver_is_refused_and_leaves_the_payment_scheduled()
    {
        var payment = Build.Payment();

        var message = Refusal.Of(() => payment.Approve(" ", ApprovedAt));

        Assert.Equal("Enter the name of the approver.", message);
        Assert.Equal(PaymentStatus.Scheduled, payment.Status);
        Assert.Null(payment.ApprovedAt);
    }

    [Fact]
    public void Exporting_without_a_batch_is_refused_and_leaves_the_payment_approved()
    {
        var payment = Build.Payment();
        payment.Approve("grants.officer@opcc.example", ApprovedAt);

        var message = Refusal.Of(() => payment.MarkExported(""));

        Assert.Equal("Enter the export batch.", message);
        Assert.Equal(PaymentStatus.Approved, payment.Status);
    }

    [Fact]
    public void Cancelling_without_a_reason_is_refused_and_leaves_the_payment_as_it_was()
    {
        var payment = Build.Payment();

        var message = Refusal.Of(() => payment.Cancel("  "));

        Assert.Equal("Enter the reason for cancelling.", message);
        Assert.Equal(PaymentStatus.Scheduled, payment.Status);
    }
}
