using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;

namespace Commissioning.Tests.Domain;

/// <summary>Names, titles and organisation names are one line: a line break could otherwise reach an e-mail's headers.</summary>
public class SingleLineTextTests
{
    public static TheoryData<string> Breaks => new() { "Riverside\r\nBcc: victim@example.org", "Riverside\nYouth", "Riverside\rYouth", "Riverside\tYouth", "Riverside\u0085Youth", "Riverside\u2028Youth", "Riverside\0Youth" };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void An_organisation_name_with_a_line_break_or_control_character_is_refused_with_what_to_fix(string name)
    {
        var message = Refusal.Of(() => new Organisation(name, LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None));

        Assert.Equal("The organisation name must be on one line: remove any line breaks, tabs or other control characters.", message);
        var group = new Organisation("Riverside Youth", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
        Assert.Throws<DomainException>(() => group.Rename(name));
        Assert.Equal("Riverside Youth", group.Name);
    }

    [Fact]
    public void A_project_title_with_a_line_break_is_refused()
    {
        var message = Refusal.Of(() => Build.Draft(Build.Round(), "Safer routes\r\nBcc: victim@example.org"));

        Assert.Equal("The project title must be on one line: remove any line breaks, tabs or other control characters.", message);
    }

    [Fact]
    public void A_persons_name_with_a_line_break_is_refused_when_added_to_an_organisation_or_asking_to_join()
    {
        var group = new Organisation("Riverside Youth", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);

        Assert.Equal("The person's full name must be on one line: remove any line breaks, tabs or other control characters.",
            Refusal.Of(() => group.AddPerson("Jo\r\nBloggs", "jo@example.org", PersonRole.Member)));
        Assert.Equal("The full name of the person asking must be on one line: remove any line breaks, tabs or other control characters.",
            Refusal.Of(() => group.RequestToJoin("user-1", "Jo\nBloggs", "jo@example.org", null, Build.WhileOpen)));
    }

    [Fact]
    public void Single_line_text_is_trimmed_and_accepted_and_multi_line_text_elsewhere_is_untouched()
    {
        Assert.Equal("Gŵyl Ŷd – Café", new Organisation("  Gŵyl Ŷd – Café ", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None).Name);
        Assert.Equal("First line\nSecond line", Text.Required("First line\nSecond line", "summary", 100));
    }
}
