using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;

namespace Commissioning.Tests.Domain;

public class OrganisationMembershipTests
{
    private const string MemberId = "member-user";

    private const string AskerId = "asker-user";

    /// <summary>10am on Monday 14 September 2026 (BST).</summary>
    private static readonly DateTimeOffset Monday = UkTime.ToInstant(new DateOnly(2026, 9, 14), new TimeOnly(10, 0));

    private static Organisation RiversideWithAMember()
    {
        var organisation = new Organisation("Riverside Youth Project", LegalForm.CharitableIncorporatedOrganisation, RegistrationNumbers.Create(charityNumber: "1187654"));
        organisation.AddPerson("Amira Okafor", "amira@riverside.example", PersonRole.MainContact, MemberId);
        return organisation;
    }

    private static JoinRequest Ask(Organisation organisation, string userId = AskerId, string email = "jo@riverside.example") =>
        organisation.RequestToJoin(userId, "Jo Bloggs", email, "I run the Tuesday youth club.", Monday);

    [Fact]
    public void Asking_to_join_records_a_pending_request_with_the_message()
    {
        var organisation = RiversideWithAMember();

        var request = Ask(organisation);

        Assert.Equal(JoinRequestStatus.Pending, request.Status);
        Assert.Equal("I run the Tuesday youth club.", request.Message);
        Assert.Equal(Monday, request.RequestedAt);
        Assert.Null(request.DecidedBy);
        Assert.Single(organisation.JoinRequests);
        Assert.False(organisation.HasMember(AskerId));
    }

    [Fact]
    public void A_member_cannot_ask_to_join_their_own_organisation()
    {
        var organisation = RiversideWithAMember();

        var message = Refusal.Of(() => organisation.RequestToJoin(MemberId, "Amira Okafor", "amira@riverside.example", null, Monday));

        Assert.Equal("You are already a member of Riverside Youth Project.", message);
        Assert.Empty(organisation.JoinRequests);
    }

    [Fact]
    public void Asking_again_while_a_request_is_pending_is_refused_with_the_date_of_the_first()
    {
        var organisation = RiversideWithAMember();
        Ask(organisation);

        var message = Refusal.Of(() => organisation.RequestToJoin(AskerId, "Jo Bloggs", "jo@riverside.example", "Please!", Monday.AddDays(2)));

        Assert.Equal("You already asked to join Riverside Youth Project on 14 September 2026. A member of Riverside Youth Project will approve or decline your request.", message);
        Assert.Single(organisation.JoinRequests);
    }

    [Fact]
    public void A_message_longer_than_the_limit_is_refused()
    {
        var organisation = RiversideWithAMember();

        var message = Refusal.Of(() => organisation.RequestToJoin(AskerId, "Jo Bloggs", "jo@riverside.example", new string('x', JoinRequest.MessageMaxLength + 1), Monday));

        Assert.Equal("The message must be 500 characters or fewer; it has 501.", message);
    }

    [Fact]
    public void Approving_adds_the_person_as_a_member_with_their_sign_in_and_records_who_decided()
    {
        var organisation = RiversideWithAMember();
        var request = Ask(organisation);

        var person = organisation.ApproveJoinRequest(request.Id, MemberId, Monday.AddHours(3));

        Assert.Equal(JoinRequestStatus.Approved, request.Status);
        Assert.Equal(MemberId, request.DecidedBy);
        Assert.Equal(Monday.AddHours(3), request.DecidedAt);
        Assert.Equal(PersonRole.Member, person.Role);
        Assert.Equal(AskerId, person.UserId);
        Assert.Equal("jo@riverside.example", person.Email);
        Assert.True(organisation.HasMember(AskerId));
    }

    [Fact]
    public void Declining_adds_nobody_and_the_person_may_ask_again_later()
    {
        var organisation = RiversideWithAMember();
        var request = Ask(organisation);

        organisation.DeclineJoinRequest(request.Id, MemberId, Monday.AddHours(1));
        var again = Ask(organisation);

        Assert.Equal(JoinRequestStatus.Declined, request.Status);
        Assert.False(organisation.HasMember(AskerId));
        Assert.Equal(JoinRequestStatus.Pending, again.Status);
        Assert.Equal(2, organisation.JoinRequests.Count);
    }

    [Theory]
    [InlineData(true, true, "approved")]
    [InlineData(true, false, "approved")]
    [InlineData(false, true, "declined")]
    [InlineData(false, false, "declined")]
    public void A_request_is_decided_only_once(bool approveFirst, bool approveSecond, string firstOutcome)
    {
        var organisation = RiversideWithAMember();
        var request = Ask(organisation);
        Decide(organisation, request, approveFirst);

        var message = Refusal.Of(() => Decide(organisation, request, approveSecond));

        Assert.Equal($"Jo Bloggs's request to join Riverside Youth Project was already {firstOutcome} on 14 September 2026.", message);
        Assert.Equal(approveFirst, organisation.HasMember(AskerId));
        Assert.Equal(approveFirst ? 2 : 1, organisation.People.Count);
    }

    [Fact]
    public void Only_a_member_may_approve_or_decline()
    {
        var organisation = RiversideWithAMember();
        var request = Ask(organisation);

        var approving = Refusal.Of(() => organisation.ApproveJoinRequest(request.Id, "outsider", Monday));
        var declining = Refusal.Of(() => organisation.DeclineJoinRequest(request.Id, AskerId, Monday));

        Assert.Equal("Only a member of Riverside Youth Project can approve requests to join it.", approving);
        Assert.Equal("Only a member of Riverside Youth Project can decline requests to join it.", declining);
        Assert.Equal(JoinRequestStatus.Pending, request.Status);
    }

    [Fact]
    public void A_request_of_another_organisation_cannot_be_decided_here()
    {
        var organisation = RiversideWithAMember();
        var elsewhere = RiversideWithAMember();
        var request = Ask(elsewhere);

        var message = Refusal.Of(() => organisation.ApproveJoinRequest(request.Id, MemberId, Monday));

        Assert.Equal("There is no such request to join Riverside Youth Project.", message);
    }

    [Fact]
    public void An_invitation_lasts_fourteen_days_and_keeps_only_a_hash_of_its_token()
    {
        var organisation = RiversideWithAMember();

        var (invitation, token) = organisation.Invite(" Sam@Riverside.example ", MemberId, Monday);

        Assert.Equal("Sam@Riverside.example", invitation.Email);
        Assert.Equal(Monday.AddDays(14), invitation.ExpiresAt);
        Assert.Equal(MemberId, invitation.InvitedBy);
        Assert.True(token.Length >= 40, "The token should carry 256 bits.");
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Equal(Invitation.HashOf(token), invitation.TokenHash);
        Assert.Equal(Invitation.TokenHashLength, invitation.TokenHash.Length);
        Assert.NotEqual(token, organisation.Invite("other@riverside.example", MemberId, Monday).Token);
    }

    [Fact]
    public void Only_a_member_may_invite_and_only_someone_not_already_there_or_invited()
    {
        var organisation = RiversideWithAMember();
        organisation.Invite("sam@riverside.example", MemberId, Monday);

        Assert.Equal("Only a member of Riverside Youth Project can invite people to join it.", Refusal.Of(() => organisation.Invite("kim@riverside.example", "outsider", Monday)));
        Assert.Equal("amira@riverside.example is already one of Riverside Youth Project's people.", Refusal.Of(() => organisation.Invite("amira@riverside.example", MemberId, Monday)));
        Assert.Equal("SAM@riverside.example was already invited on 14 September 2026. That invitation can be used until 28 September 2026.", Refusal.Of(() => organisation.Invite("SAM@riverside.example", MemberId, Monday.AddDays(1))));
        Assert.Equal("Enter an email address in the correct format, like name@example.org; 'not-an-address' is not.", Refusal.Of(() => organisation.Invite("not-an-address", MemberId, Monday)));
    }

    [Fact]
    public void Someone_may_be_invited_again_once_their_invitation_has_expired()
    {
        var organisation = RiversideWithAMember();
        organisation.Invite("sam@riverside.example", MemberId, Monday);

        var (again, _) = organisation.Invite("sam@riverside.example", MemberId, Monday.AddDays(14));

        Assert.Equal(2, organisation.Invitations.Count);
        Assert.Equal(Monday.AddDays(28), again.ExpiresAt);
    }

    [Fact]
    public void Accepting_an_invitation_makes_the_person_a_member()
    {
        var organisation = RiversideWithAMember();
        var (invitation, _) = organisation.Invite("sam@riverside.example", MemberId, Monday);

        var person = organisation.AcceptInvitation(invitation.Id, "sam-user", "Sam Patel", "Sam@Riverside.example", Monday.AddDays(13));

        Assert.Equal(PersonRole.Member, person.Role);
        Assert.Equal("sam-user", person.UserId);
        Assert.Equal(Monday.AddDays(13), invitation.AcceptedAt);
        Assert.False(invitation.IsOpenAt(Monday.AddDays(13)));
        Assert.True(organisation.HasMember("sam-user"));
    }

    [Fact]
    public void An_invitation_is_used_once()
    {
        var organisation = RiversideWithAMember();
        var (invitation, _) = organisation.Invite("sam@riverside.example", MemberId, Monday);
        organisation.AcceptInvitation(invitation.Id, "sam-user", "Sam Patel", "sam@riverside.example", Monday.AddDays(1));

        var byTheSamePerson = Refusal.Of(() => organisation.AcceptInvitation(invitation.Id, "sam-user", "Sam Patel", "sam@riverside.example", Monday.AddDays(2)));
        var bySomeoneElse = Refusal.Of(() => organisation.AcceptInvitation(invitation.Id, "kim-user", "Kim Lee", "sam@riverside.example", Monday.AddDays(2)));

        Assert.Equal("You are already a member of Riverside Youth Project.", byTheSamePerson);
        Assert.Equal("This invitation was already used on 15 September 2026. Ask a member of Riverside Youth Project to invite you again.", bySomeoneElse);
        Assert.False(organisation.HasMember("kim-user"));
    }

    [Fact]
    public void An_expired_invitation_is_refused_from_the_moment_it_expires()
    {
        var organisation = RiversideWithAMember();
        var (invitation, _) = organisation.Invite("sam@riverside.example", MemberId, Monday);

        var message = Refusal.Of(() => organisation.AcceptInvitation(invitation.Id, "sam-user", "Sam Patel", "sam@riverside.example", invitation.ExpiresAt));

        Assert.Equal("This invitation expired on 28 September 2026. Ask a member of Riverside Youth Project to invite you again.", message);
        Assert.False(organisation.HasMember("sam-user"));
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void An_invitation_is_accepted_only_by_someone_signed_in_with_the_address_it_was_sent_to()
    {
        var organisation = RiversideWithAMember();
        var (invitation, _) = organisation.Invite("sam@riverside.example", MemberId, Monday);

        var message = Refusal.Of(() => organisation.AcceptInvitation(invitation.Id, "kim-user", "Kim Lee", "kim@elsewhere.example", Monday));

        Assert.Equal("This invitation was sent to sam@riverside.example. Sign in with that email address to accept it, or ask a member of Riverside Youth Project to invite kim@elsewhere.example.", message);
        Assert.False(organisation.HasMember("kim-user"));
    }

    [Fact]
    public void Accepting_an_invitation_settles_the_persons_own_pending_request_to_join()
    {
        var organisation = RiversideWithAMember();
        var request = Ask(organisation, userId: "sam-user", email: "sam@riverside.example");
        var (invitation, _) = organisation.Invite("sam@riverside.example", MemberId, Monday);

        organisation.AcceptInvitation(invitation.Id, "sam-user", "Sam Patel", "sam@riverside.example", Monday.AddHours(1));

        Assert.Equal(JoinRequestStatus.Approved, request.Status);
        Assert.Equal(MemberId, request.DecidedBy);
        Assert.Equal("Jo Bloggs's request to join Riverside Youth Project was already approved on 14 September 2026.", Refusal.Of(() => organisation.DeclineJoinRequest(request.Id, MemberId, Monday.AddHours(2))));
    }

    private static void Decide(Organisation organisation, JoinRequest request, bool approve)
    {
        if (approve)
        {
            organisation.ApproveJoinRequest(request.Id, MemberId, Monday);
        }
        else
        {
            organisation.DeclineJoinRequest(request.Id, MemberId, Monday);
        }
    }
}
