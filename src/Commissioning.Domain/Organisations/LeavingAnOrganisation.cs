using Commissioning.Domain.Common;

namespace Commissioning.Domain.Organisations;

/// <summary>
/// Members leave, or remove one another. An organisation always keeps at least one member (someone must be able to
/// let people in and answer for its grants) and its main contact, whom reminders and payment notices go to.
/// </summary>
public sealed partial class Organisation
{
    /// <summary>Why the member signed in as <paramref name="byUserId"/> cannot remove the person (or leave, if it is them) now; null when they can.</summary>
    public string? WhyCannotRemove(PersonId personId, string byUserId)
    {
        if (!HasMember(byUserId))
        {
            return $"Only a member of {Name} can remove people from it.";
        }

        var person = _people.FirstOrDefault(p => p.Id == personId);
        if (person is null)
        {
            return $"That person is not one of {Name}'s people. They may have left already.";
        }

        var leaving = person.UserId == byUserId;
        if (person.UserId is not null && _people.Count(p => p.UserId is not null) == 1)
        {
            return leaving
                ? $"You are the only member of {Name}, so you cannot leave it. Invite a colleague to join {Name} first; once they have joined, you can leave."
                : $"{person.FullName} is the only member of {Name}, so they cannot be removed.";
        }

        if (person.Role == PersonRole.MainContact)
        {
            return leaving
                ? $"You are the main contact of {Name}, so you cannot leave it yet. Make another member the main contact on the organisation profile first."
                : $"{person.FullName} is the main contact of {Name}, so they cannot be removed yet. Make another member the main contact on the organisation profile first.";
        }

        return null;
    }

    /// <summary>Removes one of the people (the member themselves, when leaving); they lose access to everything of the organisation's at once.</summary>
    public OrganisationPerson RemovePerson(PersonId personId, string byUserId)
    {
        if (WhyCannotRemove(personId, byUserId) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var person = _people.Single(p => p.Id == personId);
        _people.Remove(person);
        if (SafeguardingLeadId == person.Id)
        {
            SafeguardingLeadId = null;
        }

        return person;
    }
}
