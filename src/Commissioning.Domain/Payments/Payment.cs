using Commissioning.Domain.Common;

namespace Commissioning.Domain.Payments;

public enum PaymentStatus
{
    Scheduled = 1,
    Approved = 2,
    Exported = 3,
    Paid = 4,
    Cancelled = 5,
}

/// <summary>
/// One disbursement of an award's instalment: approved by a grants officer, exported by finance to the ledger and
/// bank, then marked paid. Each step is allowed only after the one before it.
/// </summary>
public sealed class Payment
{
    private Payment()
    {
    }

    public Payment(AwardId awardId, InstalmentId instalmentId, OrganisationId payee, Money amount, DateOnly dueOn)
    {
        if (!amount.IsPositive)
        {
            throw new DomainException("A payment must be more than £0.00.");
        }

        Id = PaymentId.New();
        AwardId = awardId;
        InstalmentId = instalmentId;
        PayeeId = payee;
        Amount = amount;
        DueOn = dueOn;
        Status = PaymentStatus.Scheduled;
    }

    public PaymentId Id { get; private set; }

    public AwardId AwardId { get; private set; }

    public InstalmentId InstalmentId { get; private set; }

    public OrganisationId PayeeId { get; private set; }

    public Money Amount { get; private set; }

    public DateOnly DueOn { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ExportBatch { get; private set; }

    public DateOnly? PaidOn { get; private set; }

    public string? CancelledBecause { get; private set; }

    public void Approve(string approvedBy, DateTimeOffset at)
    {
        var approver = Text.SingleLine(approvedBy, "name of the approver", 256);
        Move(PaymentStatus.Approved, PaymentStatus.Scheduled);
        ApprovedBy = approver;
        ApprovedAt = at;
    }

    /// <summary>Approves the payment to its payee, refused while the payee's bank details wait for finance to verify them.</summary>
    public void Approve(Organisations.Organisation payee, string approvedBy, DateTimeOffset at)
    {
        if (payee.Id != PayeeId)
        {
            throw new DomainException($"This payment is not to {payee.Name}.");
        }

        if (payee.PaymentsOnHold)
        {
            throw new DomainException($"Payments to {payee.Name} are on hold until finance has verified its bank details.");
        }

        Approve(approvedBy, at);
    }

    public void MarkExported(string batch)
    {
        var exportBatch = Text.SingleLine(batch, "export batch", 100);
        Move(PaymentStatus.Exported, PaymentStatus.Approved);
        ExportBatch = exportBatch;
    }

    public void MarkPaid(DateOnly paidOn)
    {
        Move(PaymentStatus.Paid, PaymentStatus.Exported);
        PaidOn = paidOn;
    }

    public void Cancel(string reason)
    {
        var because = Text.Required(reason, "reason for cancelling", 1000);
        Move(PaymentStatus.Cancelled, PaymentStatus.Scheduled, PaymentStatus.Approved);
        CancelledBecause = because;
    }

    private void Move(PaymentStatus to, params PaymentStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new DomainException($"A payment that is {Status.ToString().ToLowerInvariant()} cannot be marked {to.ToString().ToLowerInvariant()}.");
        }

        Status = to;
    }
}
