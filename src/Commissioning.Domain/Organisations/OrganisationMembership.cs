using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Commissioning.Domain.Common;

namespace Commissioning.Domain.Organisations;

public enum JoinRequestStatus
{
    Pending = 1,
    Approved = 2,
    Declined = 3,
}

/// <summary>
/// Membership: people with a sign-in ask to join an organisation, or are invited by e-mail, and a member of that
/// organisation lets them in. Only members decide, and each request or invitation is decided or used once.
/// </summary>
public sealed partial class Organisation
{
    private readonly List<JoinRequest> _joinRequests = [];

    private readonly List<Invitation> _invitations = [];

    public IReadOnlyCollection<JoinRequest> JoinRequests => _joinRequests.AsReadOnly();

    public IReadOnlyCollection<Invitation> Invitations => _invitations.AsReadOnly();

    public JoinRequest RequestToJoin(string userId, string fullName, string email, string? message, DateTimeOffset at)
    {
        var address = email.Trim();
        if (HasMember(userId))
        {
            throw new DomainException($"You are already a member of {Name}.");
        }

        if (HasPersonWithEmail(address))
        {
            throw new DomainException($"{address} is already one of {Name}'s people. Ask a member of {Name} to invite you instead.");
        }

        var pending = _joinRequests.FirstOrDefault(r => r.UserId == userId && r.Status == JoinRequestStatus.Pending);
        if (pending is not null)
        {
            throw new DomainException($"You already asked to join {Name} on {DateOf(pending.RequestedAt)}. A member of {Name} will approve or decline your request.");
        }

        var request = new JoinRequest(Id, userId, fullName, address, message, at);
        _joinRequests.Add(request);
        return request;
    }

    /// <summary>Lets the person who asked in as a member; only a member may do this, once.</summary>
    public OrganisationPerson ApproveJoinRequest(JoinRequestId requestId, string deciderUserId, DateTimeOffset at)
    {
        var request = PendingRequest(requestId, deciderUserId, "approve");
        if (HasMember(request.UserId))
        {
            throw new DomainException($"{request.FullName} is already a member of {Name}. Decline this request instead.");
        }

        var person = AddPerson(request.FullName, request.Email, PersonRole.Member, request.UserId);
        request.Decide(JoinRequestStatus.Approved, deciderUserId, at);
        return person;
    }

    public JoinRequest DeclineJoinRequest(JoinRequestId requestId, string deciderUserId, DateTimeOffset at)
    {
        var request = PendingRequest(requestId, deciderUserId, "decline");
        request.Decide(JoinRequestStatus.Declined, deciderUserId, at);
        return request;
    }

    /// <summary>
    /// Invites someone by e-mail. Returns the invitation and its token, which goes only into the e-mail: the
    /// organisation keeps a hash of it, so the token cannot be read back from the database.
    /// </summary>
    public (Invitation Invitation, string Token) Invite(string email, string inviterUserId, DateTimeOffset at)
    {
        if (!HasMember(inviterUserId))
        {
            throw new DomainException($"Only a member of {Name} can invite people to join it.");
        }

        var address = OrganisationPerson.CheckEmail(Text.Required(email, "email address", OrganisationPerson.EmailMaxLength));
        if (HasPersonWithEmail(address))
        {
            throw new DomainException($"{address} is already one of {Name}'s people.");
        }

        var open = _invitations.FirstOrDefault(i => i.IsOpenAt(at) && string.Equals(i.Email, address, StringComparison.OrdinalIgnoreCase));
        if (open is not null)
        {
            throw new DomainException($"{address} was already invited on {DateOf(open.InvitedAt)}. That invitation can be used until {DateOf(open.ExpiresAt)}.");
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation(Id, address, Invitation.HashOf(token), inviterUserId, at);
        _invitations.Add(invitation);
        return (invitation, token);
    }

    /// <summary>The person signed in as <paramref name="userId"/> uses the invitation and becomes a member.</summary>
    public OrganisationPerson AcceptInvitation(InvitationId invitationId, string userId, string fullName, string email, DateTimeOffset at)
    {
        var invitation = _invitations.FirstOrDefault(i => i.Id == invitationId)
            ?? throw new DomainException("This invitation link is not right. Check that you copied the whole link from the email.");
        if (HasMember(userId))
        {
            throw new DomainException($"You are already a member of {Name}.");
        }

        if (invitation.AcceptedAt is { } acceptedAt)
        {
            throw new DomainException($"This invitation was already used on {DateOf(acceptedAt)}. Ask a member of {Name} to invite you again.");
        }

        if (at >= invitation.ExpiresAt)
        {
            throw new DomainException($"This invitation expired on {DateOf(invitation.ExpiresAt)}. Ask a member of {Name} to invite you again.");
        }

        if (!string.Equals(invitation.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException($"This invitation was sent to {invitation.Email}. Sign in with that email address to accept it, or ask a member of {Name} to invite {email.Trim()}.");
        }

        var person = AddPerson(fullName, email, PersonRole.Member, userId);
        invitation.Accept(at);
        foreach (var request in _joinRequests.Where(r => r.UserId == userId && r.Status == JoinRequestStatus.Pending))
        {
            // The invitation let them in; their own request to join needs no decision any more.
            request.Decide(JoinRequestStatus.Approved, invitation.InvitedBy, at);
        }

        return person;
    }

    private JoinRequest PendingRequest(JoinRequestId requestId, string deciderUserId, string decision)
    {
        if (!HasMember(deciderUserId))
        {
            throw new DomainException($"Only a member of {Name} can {decision} requests to join it.");
        }

        var request = _joinRequests.FirstOrDefault(r => r.Id == requestId)
            ?? throw new DomainException($"There is no such request to join {Name}.");
        if (request.Status != JoinRequestStatus.Pending)
        {
            throw new DomainException($"{request.FullName}'s request to join {Name} was already {(request.Status == JoinRequestStatus.Approved ? "approved" : "declined")} on {DateOf(request.DecidedAt!.Value)}.");
        }

        return request;
    }

    private bool HasPersonWithEmail(string email) => _people.Any(p => string.Equals(p.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string DateOf(DateTimeOffset instant) => UkTime.DateOf(instant).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}

public sealed class JoinRequest
{
    public const int MessageMaxLength = 500;

    private JoinRequest()
    {
        UserId = string.Empty;
        FullName = string.Empty;
        Email = string.Empty;
    }

    internal JoinRequest(OrganisationId organisationId, string userId, string fullName, string email, string? message, DateTimeOffset requestedAt)
    {
        Id = JoinRequestId.New();
        OrganisationId = organisationId;
        UserId = Text.Required(userId, "account of the person asking", 450);
        FullName = Text.SingleLine(fullName, "full name of the person asking", 200);
        Email = OrganisationPerson.CheckEmail(email);
        Message = Text.Optional(message, "message", MessageMaxLength);
        RequestedAt = requestedAt;
        Status = JoinRequestStatus.Pending;
    }

    public JoinRequestId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The sign-in account of the person asking.</summary>
    public string UserId { get; private set; }

    public string FullName { get; private set; }

    public string Email { get; private set; }

    public string? Message { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public JoinRequestStatus Status { get; private set; }

    /// <summary>The sign-in account of the member who approved or declined.</summary>
    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    internal void Decide(JoinRequestStatus outcome, string decidedBy, DateTimeOffset at)
    {
        Status = outcome;
        DecidedBy = decidedBy;
        DecidedAt = at;
    }
}

public sealed class Invitation
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(14);

    /// <summary>Hex SHA-256 of the token.</summary>
    public const int TokenHashLength = 64;

    private Invitation()
    {
        Email = string.Empty;
        TokenHash = string.Empty;
        InvitedBy = string.Empty;
    }

    internal Invitation(OrganisationId organisationId, string email, string tokenHash, string invitedBy, DateTimeOffset invitedAt)
    {
        Id = InvitationId.New();
        OrganisationId = organisationId;
        Email = email;
        TokenHash = tokenHash;
        InvitedBy = invitedBy;
        InvitedAt = invitedAt;
        ExpiresAt = invitedAt + ValidFor;
    }

    public InvitationId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public string Email { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>The sign-in account of the member who sent it.</summary>
    public string InvitedBy { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public bool IsOpenAt(DateTimeOffset at) => AcceptedAt is null && at < ExpiresAt;

    /// <summary>How an invitation is found from the token in its link.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal void Accept(DateTimeOffset at) => AcceptedAt = at;
}
