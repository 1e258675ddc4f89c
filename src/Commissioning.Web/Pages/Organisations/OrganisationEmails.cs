using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>The e-mails about membership of an organisation, queued in the outbox in the caller's unit of work (the caller saves).</summary>
public sealed class OrganisationEmails(Outbox outbox, Account.AccountEmails letters, IOptions<ServiceOptions> service)
{
    private ServiceOptions Service => service.Value;

    /// <summary>Tells every member with a sign-in that someone is waiting to be let in.</summary>
    public void QueueJoinRequested(Organisation organisation, JoinRequest request, HttpRequest http)
    {
        var link = Service.LinkTo(http, $"/Organisations/{organisation.Id}");
        var message = request.Message is null ? "They did not leave a message." : $"Their message:\r\n\r\n{request.Message}";
        foreach (var member in organisation.People.Where(p => p.UserId is not null))
        {
            outbox.Enqueue(member.Email, $"{request.FullName} has asked to join {organisation.Name}", letters.Letter(member.FullName,
                $"{request.FullName} ({request.Email}) has asked to join {organisation.Name} on {Service.ServiceName}.",
                message,
                $"As a member of {organisation.Name}, you can approve or decline the request. Sign in and go to {link}",
                "Only approve people you know work or volunteer for your organisation: members can see and apply for grants in its name."));
        }
    }

    public void QueueJoinDecided(Organisation organisation, JoinRequest request, HttpRequest http)
    {
        if (request.Status == JoinRequestStatus.Approved)
        {
            outbox.Enqueue(request.Email, $"You are now a member of {organisation.Name}", letters.Letter(request.FullName,
                $"A member of {organisation.Name} has approved your request to join it on {Service.ServiceName}.",
                $"Sign in to see the organisation and apply for grants in its name: {Service.LinkTo(http, $"/Organisations/{organisation.Id}")}"));
        }
        else
        {
            outbox.Enqueue(request.Email, $"Your request to join {organisation.Name}", letters.Letter(request.FullName,
                $"A member of {organisation.Name} has declined your request to join it on {Service.ServiceName}.",
                $"If you think this is a mistake, contact {organisation.Name} directly. You can also create an organisation of your own: {Service.LinkTo(http, "/Organisations")}"));
        }
    }

    public void QueueInvitation(Organisation organisation, Invitation invitation, string token, string inviterName, HttpRequest http)
    {
        var link = Service.LinkTo(http, $"/Organisations/Invitation?token={Uri.EscapeDataString(token)}");
        outbox.Enqueue(invitation.Email, $"{inviterName} has invited you to join {organisation.Name}", letters.Letter("colleague",
            $"{inviterName} has invited you to join {organisation.Name} on {Service.ServiceName}, the service {Service.OpccName} uses for grants.",
            $"To accept, open this link and sign in, or create an account with this email address ({invitation.Email}):",
            link,
            $"The invitation works until {UkDates.Date(invitation.ExpiresAt)}, once. If you were not expecting it, you can ignore this email."));
    }
}
