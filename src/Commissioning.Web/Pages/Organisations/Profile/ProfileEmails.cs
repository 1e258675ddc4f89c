using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>E-mails about an organisation's profile, queued in the outbox in the caller's unit of work (the caller saves).</summary>
public sealed class ProfileEmails(Outbox outbox, Account.AccountEmails letters, IOptions<ServiceOptions> service)
{
    private ServiceOptions Service => service.Value;

    /// <summary>Tells the main contact that the bank details changed, so that a fraudulent change is noticed at once.</summary>
    public void QueueBankDetailsChanged(Organisation organisation, HttpRequest http)
    {
        if (organisation.MainContact is not { } contact)
        {
            return;
        }

        outbox.Enqueue(contact.Email, $"The bank details of {organisation.Name} have changed", letters.Letter(contact.FullName,
            $"Someone signed in as a member of {organisation.Name} has changed its bank details on {Service.ServiceName}. The account number now ends {organisation.BankAccountLastFour}.",
            "Payments to the organisation are on hold until our finance team has verified the new details with you.",
            $"If this was not you, contact the office at once: {Service.OpccName}. Do not reply with any bank details.",
            $"You can see the organisation's bank details (masked) at {Service.LinkTo(http, $"/Organisations/{organisation.Id}/Bank")}"));
    }
}
