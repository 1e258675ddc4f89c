using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>
/// E-mails about an organisation's profile, queued in the outbox in the caller's unit of work (the caller saves).
/// A change that could send the organisation's money elsewhere (its bank details, or who its main contact is) is
/// told to the main contact, the previous main contact, every member and the office, so that no one member can
/// make it quietly.
/// </summary>
public sealed class ProfileEmails(Outbox outbox, Account.AccountEmails letters, Infrastructure.Applications.OfficeNotices office, IOptions<ServiceOptions> service)
{
    private ServiceOptions Service => service.Value;

    public async Task QueueBankDetailsChangedAsync(Organisation organisation, string changedBy, HttpRequest http)
    {
        var subject = $"The bank details of {organisation.Name} have changed";
        var link = Service.LinkTo(http, $"/Organisations/{organisation.Id}/Bank");
        foreach (var person in PeopleToTell(organisation, previousMainContact: null))
        {
            outbox.Enqueue(person.Email, subject, letters.Letter(person.FullName,
                $"{changedBy}, signed in as a member of {organisation.Name}, has changed its bank details on {Service.ServiceName}. The account number now ends {organisation.BankAccountLastFour}.",
                "Payments to the organisation are on hold until our finance team has verified the new details with the organisation.",
                $"If this was not agreed, contact the office at once: {Service.OpccName}. Do not reply with any bank details.",
                $"You can see the organisation's bank details (masked) at {link}"));
        }

        await QueueToOfficeAsync(subject, http, "/Finance/BankDetails",
            $"{changedBy}, signed in as a member of {organisation.Name} ({OrganisationLabel(organisation)}), has changed its bank details. The account number now ends {organisation.BankAccountLastFour}.",
            "Its payments are on hold until finance has verified the new details on a phone number the office already holds for it.");
    }

    public async Task QueueMainContactChangedAsync(Organisation organisation, OrganisationPerson? previousMainContact, string changedBy, HttpRequest http)
    {
        var newContact = organisation.MainContact?.FullName ?? "nobody";
        var before = previousMainContact is null ? string.Empty : $" in place of {previousMainContact.FullName}";
        var subject = $"The main contact of {organisation.Name} has changed";
        var link = Service.LinkTo(http, $"/Organisations/{organisation.Id}/Profile");
        foreach (var person in PeopleToTell(organisation, previousMainContact))
        {
            outbox.Enqueue(person.Email, subject, letters.Letter(person.FullName,
                $"{changedBy}, signed in as a member of {organisation.Name}, has made {newContact} its main contact{before} on {Service.ServiceName}.",
                "The main contact is told of every change to the organisation's bank details.",
                $"If this was not agreed, contact the office at once: {Service.OpccName}.",
                $"You can see the organisation's profile at {link}"));
        }

        await QueueToOfficeAsync(subject, http, "/",
            $"{changedBy}, signed in as a member of {organisation.Name} ({OrganisationLabel(organisation)}), has made {newContact} its main contact{before}.",
            "Check it with the organisation before acting on any change of its bank details that follows.");
    }

    /// <summary>The main contact, the previous one (who is still told even if they were removed since) and every other person of the organisation, once each.</summary>
    private static IEnumerable<(string Email, string FullName)> PeopleToTell(Organisation organisation, OrganisationPerson? previousMainContact) =>
        organisation.People
            .OrderBy(p => p.Role == PersonRole.MainContact ? 0 : 1)
            .Select(p => (p.Email, p.FullName))
            .Prepend(previousMainContact is null ? default : (previousMainContact.Email, previousMainContact.FullName))
            .Where(p => !string.IsNullOrWhiteSpace(p.Email))
            .DistinctBy(p => p.Email.ToUpperInvariant());

    private static string OrganisationLabel(Organisation organisation) =>
        organisation.OrgId is { } orgId ? orgId : $"no registered number{(organisation.Address is { } address ? $", {address.Postcode}" : string.Empty)}";

    private Task QueueToOfficeAsync(string subject, HttpRequest http, string path, params string[] paragraphs) =>
        office.QueueAsync(subject, Service.LinkTo(http, path), paragraphs);
}
