using Commissioning.Domain.Organisations;

namespace Commissioning.Tests.Domain;

public class OrganisationTests
{
    private const string CharityFormat = "Enter it as it appears on the register: 6 or 7 digits in England and Wales (like 1234567), SC and 6 digits in Scotland (like SC012345), or NIC and 6 digits in Northern Ireland (like NIC100002).";

    private const string CompanyFormat = "It has 8 characters: 8 digits (like 01234567) or 2 letters and 6 digits (like SC123456 or NI123456).";

    private const string LocalAuthorityFormat = "Use the 3 or 4 letter code from the register of English local authorities (like RDG for Reading).";

    [Fact]
    public void A_registered_charity_without_a_charity_number_is_refused()
    {
        var message = Refusal.Of(() => new Organisation("Riverside Women's Aid", LegalForm.RegisteredCharity, RegistrationNumbers.None));

        Assert.Equal("Enter the charity number: a registered charity is registered with a charity regulator.", message);
    }

    [Fact]
    public void A_charitable_incorporated_organisation_without_a_charity_number_is_refused_and_the_message_keeps_its_abbreviation()
    {
        var message = Refusal.Of(() => new Organisation("Safe Haven CIO", LegalForm.CharitableIncorporatedOrganisation, RegistrationNumbers.None));

        Assert.Equal("Enter the charity number: a charitable incorporated organisation (CIO) is registered with a charity regulator.", message);
    }

    [Theory]
    [InlineData(LegalForm.CompanyLimitedByGuarantee, "Enter the Companies House number: a company limited by guarantee is registered at Companies House.")]
    [InlineData(LegalForm.CommunityInterestCompany, "Enter the Companies House number: a community interest company (CIC) is registered at Companies House.")]
    public void A_company_without_a_companies_house_number_is_refused(LegalForm legalForm, string expected)
    {
        var numbers = RegistrationNumbers.Create(charityNumber: "1234567");

        Assert.Equal(expected, Refusal.Of(() => new Organisation("Streetwise Ltd", legalForm, numbers)));
    }

    [Fact]
    public void A_local_authority_without_its_code_is_refused()
    {
        var message = Refusal.Of(() => new Organisation("Reading Borough Council", LegalForm.LocalAuthority, RegistrationNumbers.None));

        Assert.Equal("Enter the local authority's three or four letter code (for example RDG for Reading).", message);
    }

    [Fact]
    public void A_constituted_group_needs_no_number_and_has_no_org_id()
    {
        var group = new Organisation("Eastfield Residents' Association", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);

        Assert.Null(group.OrgId);
        Assert.Null(group.CharityNumber);
        Assert.False(group.IsCommunitySafetyPartnership);
    }

    [Fact]
    public void A_seven_digit_company_number_is_padded_to_eight_and_gives_a_companies_house_org_id()
    {
        var numbers = RegistrationNumbers.Create(companyNumber: "1234567");

        Assert.Equal("01234567", numbers.CompanyNumber);
        Assert.Equal("GB-COH-01234567", numbers.OrgId);
    }

    [Theory]
    [InlineData("123456", "00123456")]
    [InlineData("01234567", "01234567")]
    [InlineData(" 0123 4567 ", "01234567")]
    [InlineData("sc123456", "SC123456")]
    [InlineData("NI 123456", "NI123456")]
    [InlineData("OC301234", "OC301234")]
    public void Company_numbers_are_normalised_to_eight_characters(string typed, string expected)
    {
        var numbers = RegistrationNumbers.Create(companyNumber: typed);

        Assert.Equal(expected, numbers.CompanyNumber);
        Assert.Equal($"GB-COH-{expected}", numbers.OrgId);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("123456789")]
    [InlineData("XX123456")]
    [InlineData("SC12345")]
    [InlineData("1234-567")]
    public void A_company_number_in_the_wrong_format_is_refused_with_the_expected_format(string typed)
    {
        var message = Refusal.Of(() => RegistrationNumbers.Create(companyNumber: typed));

        Assert.Equal($"'{typed}' is not a Companies House number. {CompanyFormat}", message);
    }

    [Theory]
    [InlineData("1234567", "1234567", "GB-CHC-1234567")]
    [InlineData("212345", "212345", "GB-CHC-212345")]
    [InlineData("SC012345", "SC012345", "GB-SC-SC012345")]
    [InlineData("sc 012345", "SC012345", "GB-SC-SC012345")]
    [InlineData("NIC100002", "NIC100002", "GB-NIC-100002")]
    public void Charity_numbers_give_the_org_id_of_their_regulator(string typed, string expectedNumber, string expectedOrgId)
    {
        var numbers = RegistrationNumbers.Create(charityNumber: typed);

        Assert.Equal(expectedNumber, numbers.CharityNumber);
        Assert.Equal(expectedOrgId, numbers.OrgId);
    }

    [Theory]
    [InlineData("012345")]
    [InlineData("12345")]
    [InlineData("12345678")]
    [InlineData("SC12345")]
    [InlineData("NIC12345")]
    [InlineData("CHC123456")]
    public void A_charity_number_in_the_wrong_format_is_refused_with_the_expected_formats(string typed)
    {
        var message = Refusal.Of(() => RegistrationNumbers.Create(charityNumber: typed));

        Assert.Equal($"'{typed}' is not a charity number. {CharityFormat}", message);
    }

    [Fact]
    public void A_local_authority_code_is_upper_cased_and_gives_a_gb_lae_org_id()
    {
        var numbers = RegistrationNumbers.Create(localAuthorityCode: "rdg");

        Assert.Equal("RDG", numbers.LocalAuthorityCode);
        Assert.Equal("GB-LAE-RDG", numbers.OrgId);
    }

    [Theory]
    [InlineData("RG")]
    [InlineData("READING")]
    [InlineData("RD1")]
    public void A_local_authority_code_in_the_wrong_format_is_refused_with_the_expected_format(string typed)
    {
        var message = Refusal.Of(() => RegistrationNumbers.Create(localAuthorityCode: typed));

        Assert.Equal($"'{typed}' is not a local authority code. {LocalAuthorityFormat}", message);
    }

    [Fact]
    public void A_charitable_company_is_identified_by_its_charity_number()
    {
        var numbers = RegistrationNumbers.Create(charityNumber: "1234567", companyNumber: "7654321");

        var organisation = new Organisation("Streetwise", LegalForm.CompanyLimitedByGuarantee, numbers);

        Assert.Equal("GB-CHC-1234567", organisation.OrgId);
        Assert.Equal("1234567", organisation.CharityNumber);
        Assert.Equal("07654321", organisation.CompanyNumber);
    }

    [Fact]
    public void Blank_numbers_count_as_no_number()
    {
        var numbers = RegistrationNumbers.Create(charityNumber: "  ", companyNumber: "", localAuthorityCode: null);

        Assert.Equal(RegistrationNumbers.None, numbers);
    }

    [Fact]
    public void A_local_authority_is_a_community_safety_partnership_and_a_statutory_body()
    {
        var council = new Organisation("Reading Borough Council", LegalForm.LocalAuthority, RegistrationNumbers.Create(localAuthorityCode: "rdg"));

        Assert.True(council.IsCommunitySafetyPartnership);
        Assert.True(council.LegalForm.IsStatutory());
        Assert.Equal("GB-LAE-RDG", council.OrgId);
        Assert.False(LegalForm.RegisteredCharity.IsStatutory());
    }

    [Fact]
    public void Changing_the_legal_form_without_the_number_it_needs_leaves_the_organisation_as_it_was()
    {
        var organisation = Build.Charity("1234567");

        Refusal.Of(() => organisation.ChangeLegalForm(LegalForm.CommunityInterestCompany, RegistrationNumbers.None));

        Assert.Equal(LegalForm.RegisteredCharity, organisation.LegalForm);
        Assert.Equal("GB-CHC-1234567", organisation.OrgId);
    }

    [Fact]
    public void Changing_the_legal_form_updates_the_numbers_and_org_id()
    {
        var organisation = Build.Charity("1234567");

        organisation.ChangeLegalForm(LegalForm.CommunityInterestCompany, RegistrationNumbers.Create(companyNumber: "SC123456"));

        Assert.Equal(LegalForm.CommunityInterestCompany, organisation.LegalForm);
        Assert.Null(organisation.CharityNumber);
        Assert.Equal("GB-COH-SC123456", organisation.OrgId);
    }

    [Fact]
    public void An_unknown_legal_form_is_refused()
    {
        Assert.Equal("Choose the organisation's legal form.", Refusal.Of(() => new Organisation("Mystery", (LegalForm)42, RegistrationNumbers.None)));
    }

    [Fact]
    public void An_organisation_needs_a_name()
    {
        var organisation = Build.Charity();

        Assert.Equal("Enter the organisation name.", Refusal.Of(() => new Organisation(" ", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None)));
        Assert.Equal("Enter the organisation name.", Refusal.Of(() => organisation.Rename("")));
        Assert.Equal("Riverside Women's Aid", organisation.Name);
    }

    [Theory]
    [InlineData("ox52nx", "OX5 2NX")]
    [InlineData("OX5 2NX", "OX5 2NX")]
    [InlineData(" sw1a1aa ", "SW1A 1AA")]
    [InlineData("m1 1ae", "M1 1AE")]
    [InlineData("W1A0AX", "W1A 0AX")]
    [InlineData("b33 8th", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("dn55 1pt", "DN55 1PT")]
    [InlineData("EC1A 1BB", "EC1A 1BB")]
    public void Postcodes_are_upper_cased_with_one_space_before_the_inward_code(string typed, string expected)
    {
        Assert.Equal(expected, UkPostcode.Normalise(typed));
    }

    [Theory]
    [InlineData("OX5")]
    [InlineData("OX5 2N")]
    [InlineData("12345")]
    [InlineData("ABC 123")]
    [InlineData("OX5-2NX")]
    [InlineData("")]
    public void Something_that_is_not_a_postcode_is_refused_with_an_example(string typed)
    {
        var message = Refusal.Of(() => UkPostcode.Normalise(typed));

        Assert.Equal($"Enter a real UK postcode, like OX5 2NX; '{typed}' is not one.", message);
    }

    [Fact]
    public void An_address_normalises_its_postcode()
    {
        var address = new PostalAddress("1 High Street", "", "Kidlington", "ox52nx");

        Assert.Equal("OX5 2NX", address.Postcode);
        Assert.Null(address.Line2);
    }

    [Fact]
    public void An_address_needs_a_first_line_and_a_town()
    {
        Assert.Equal("Enter the first line of the address.", Refusal.Of(() => new PostalAddress(" ", null, "Kidlington", "OX5 2NX")));
        Assert.Equal("Enter the town or city.", Refusal.Of(() => new PostalAddress("1 High Street", null, "", "OX5 2NX")));
    }

    [Fact]
    public void The_same_email_cannot_be_added_twice_whatever_the_case()
    {
        var organisation = Build.Charity();
        organisation.AddPerson("Sam Patel", "sam@riverside.org.uk", PersonRole.MainContact, "user-1");

        var message = Refusal.Of(() => organisation.AddPerson("Sam Patel", " SAM@riverside.org.uk ", PersonRole.Member));

        Assert.Equal("SAM@riverside.org.uk is already one of Riverside Women's Aid's people.", message);
        Assert.Single(organisation.People);
        Assert.True(organisation.HasMember("user-1"));
        Assert.False(organisation.HasMember("user-2"));
    }

    [Fact]
    public void A_person_needs_an_email_address_in_the_right_format()
    {
        var organisation = Build.Charity();

        var message = Refusal.Of(() => organisation.AddPerson("Sam Patel", "sam.riverside.org.uk", PersonRole.Member));

        Assert.Equal("Enter an email address in the correct format, like name@example.org; 'sam.riverside.org.uk' is not.", message);
        Assert.Empty(organisation.People);
    }

    [Fact]
    public void The_current_document_is_the_latest_one_that_has_not_expired()
    {
        var organisation = Build.Charity();
        var uploaded = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var older = organisation.AddDocument(DocumentKind.Insurance, "insurance-2025.pdf", "a1", "application/pdf", 1_000, uploaded, new DateOnly(2026, 12, 31));
        var newer = organisation.AddDocument(DocumentKind.Insurance, "insurance-2026.pdf", "a2", "application/pdf", 1_000, uploaded.AddMonths(3), new DateOnly(2026, 6, 30));
        organisation.AddDocument(DocumentKind.SafeguardingPolicy, "safeguarding.pdf", "a3", "application/pdf", 1_000, uploaded.AddMonths(4), null);

        Assert.Same(newer, organisation.CurrentDocument(DocumentKind.Insurance, new DateOnly(2026, 6, 30)));
        Assert.Same(older, organisation.CurrentDocument(DocumentKind.Insurance, new DateOnly(2026, 7, 1)));
        Assert.Null(organisation.CurrentDocument(DocumentKind.Insurance, new DateOnly(2027, 1, 1)));
        Assert.Null(organisation.CurrentDocument(DocumentKind.LatestAccounts, new DateOnly(2026, 7, 1)));
    }

    [Theory]
    [InlineData(LegalForm.RegisteredCharity, "Registered charity")]
    [InlineData(LegalForm.LocalAuthority, "Local authority or Community Safety Partnership")]
    [InlineData(LegalForm.CommunityInterestCompany, "Community interest company (CIC)")]
    public void Legal_forms_have_their_everyday_names(LegalForm form, string expected)
    {
        Assert.Equal(expected, form.Describe());
    }
}
