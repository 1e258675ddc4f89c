using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;

namespace Commissioning.Tests.Domain;

public class LeavingAnOrganisationTests
{
    private static (Organisation Organisation, OrganisationPerson MainContact, OrganisationPerson Member) RiversideWithTwoMembers()
    {
        var organisation = new Organisation("Riverside Youth Project", LegalForm.CharitableIncorporatedOrganisation, RegistrationNumbers.Create(charityNumber: "1187654"));
        var mainContact = organisation.AddPerson("Amira Okafor", "amira@riverside.example", PersonRole.MainContact, "amira");
        var member = organisation.AddPerson("Jo Bloggs", "jo@riverside.example", PersonRole.Member, "jo");
        return (organisation, mainContact, member);
    }

    [Fact]
    public void A_member_who_leaves_is_no_longer_a_member_and_stops_being_safeguarding_lead()
    {
        var (organisation, _, member) = RiversideWithTwoMembers();
        organisation.ChooseSafeguardingLead(member.Id);

        var removed = organisation.RemovePerson(member.Id, "jo");

        Assert.Same(member, removed);
        Assert.False(organisation.HasMember("jo"));
        Assert.Null(organisation.SafeguardingLeadId);
        Assert.Null(organisation.SafeguardingLead);
    }

    [Fact]
    public void The_last_member_cannot_leave_and_the_main_contact_cannot_be_removed()
    {
        var (organisation, mainContact, member) = RiversideWithTwoMembers();

        var mainContactRefused = Assert.Throws<DomainException>(() => organisation.RemovePerson(mainContact.Id, "jo"));
        organisation.RemovePerson(member.Id, "amira");
        var lastRefused = Assert.Throws<DomainException>(() => organisation.RemovePerson(mainContact.Id, "amira"));

        Assert.Equal("Amira Okafor is the main contact of Riverside Youth Project, so they cannot be removed yet. Make another member the main contact on the organisation profile first.", mainContactRefused.Message);
        Assert.StartsWith("You are the only member of Riverside Youth Project, so you cannot leave it.", lastRefused.Message, StringComparison.Ordinal);
        Assert.True(organisation.HasMember("amira"));
    }

    [Fact]
    public void Only_a_member_can_remove_people_and_only_people_of_the_organisation()
    {
        var (organisation, _, member) = RiversideWithTwoMembers();

        Assert.Equal("Only a member of Riverside Youth Project can remove people from it.", Assert.Throws<DomainException>(() => organisation.RemovePerson(member.Id, "stranger")).Message);
        Assert.Throws<DomainException>(() => organisation.RemovePerson(PersonId.New(), "amira"));
        Assert.True(organisation.HasMember("jo"));
    }
}
