using Commissioning.Domain.Common;

namespace Commissioning.Domain.Organisations;

public enum LegalForm
{
    RegisteredCharity = 1,
    CharitableIncorporatedOrganisation = 2,
    CompanyLimitedByGuarantee = 3,
    CommunityInterestCompany = 4,
    ConstitutedUnincorporatedGroup = 5,
    LocalAuthority = 6,
    OtherPublicBody = 7,
}

public static class LegalFormNames
{
    public static string Describe(this LegalForm form) => form switch
    {
        LegalForm.RegisteredCharity => "Registered charity",
        LegalForm.CharitableIncorporatedOrganisation => "Charitable incorporated organisation (CIO)",
        LegalForm.CompanyLimitedByGuarantee => "Company limited by guarantee",
        LegalForm.CommunityInterestCompany => "Community interest company (CIC)",
        LegalForm.ConstitutedUnincorporatedGroup => "Constituted group (unincorporated)",
        LegalForm.LocalAuthority => "Local authority or Community Safety Partnership",
        LegalForm.OtherPublicBody => "Other public body",
        _ => throw new DomainException($"Unknown legal form {(int)form}."),
    };

    public static bool IsStatutory(this LegalForm form) => form is LegalForm.LocalAuthority or LegalForm.OtherPublicBody;
}

public enum PersonRole
{
    Member = 1,
    MainContact = 2,
    SafeguardingLead = 3,
}

public enum DocumentKind
{
    GoverningDocument = 1,
    LatestAccounts = 2,
    SafeguardingPolicy = 3,
    Insurance = 4,
    Other = 9,
}

/// <summary>
/// An organisation that applies for or holds grants: a voluntary group, a charity, a social enterprise, or a local
/// authority acting as a Community Safety Partnership. Its registered numbers are checked by format, and give it
/// the org-id used in open data (GB-CHC-, GB-COH-, GB-LAE-...).
/// </summary>
public sealed partial class Organisation
{
    public const int NameMaxLength = 200;

    public const int SupplierReferenceMaxLength = 30;

    private readonly List<OrganisationPerson> _people = [];

    private readonly List<OrganisationDocument> _documents = [];

    private Organisation()
    {
        Name = string.Empty;
    }

    public Organisation(string name, LegalForm legalForm, RegistrationNumbers numbers, PostalAddress? address = null)
    {
        Id = OrganisationId.New();
        Name = NormaliseName(name);
        ChangeLegalForm(legalForm, numbers);
        Address = address;
    }

    public OrganisationId Id { get; private set; }

    public string Name { get; private set; }

    public LegalForm LegalForm { get; private set; }

    public string? CharityNumber { get; private set; }

    public string? CompanyNumber { get; private set; }

    /// <summary>The three or four letter code of an English local authority (as in the GB-LAE register).</summary>
    public string? LocalAuthorityCode { get; private set; }

    /// <summary>The organisation identifier used in 360Giving data; null for groups with no registered number.</summary>
    public string? OrgId { get; private set; }

    public PostalAddress? Address { get; private set; }

    public bool IsCommunitySafetyPartnership => LegalForm == LegalForm.LocalAuthority;

    public IReadOnlyCollection<OrganisationPerson> People => _people.AsReadOnly();

    public IReadOnlyCollection<OrganisationDocument> Documents => _documents.AsReadOnly();

    public void Rename(string name) => Name = NormaliseName(name);

    /// <summary>
    /// Whether this organisation's name is the given one written differently (letter case, spaces, punctuation):
    /// two such organisations are easily taken for each other, on a payment run above all, so a new one with a
    /// matching name is created only once its creator has confirmed it is not one of them.
    /// </summary>
    public bool HasNameLike(string name) => NameKey(Name) == NameKey(name);

    private static string NameKey(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    /// <summary>The name as it will be held; the message on failure says what to fix.</summary>
    public static string NormaliseName(string? name) => Text.SingleLine(name, "organisation name", NameMaxLength);

    public void MoveTo(PostalAddress address) => Address = address;

    /// <summary>The organisation's supplier reference in the office's finance ledger, recorded by finance; null until recorded.</summary>
    public string? SupplierReference { get; private set; }

    public string? SupplierReferenceRecordedBy { get; private set; }

    public DateTimeOffset? SupplierReferenceRecordedAt { get; private set; }

    /// <summary>
    /// Records (or corrects) the organisation's supplier reference in the finance ledger, with who and when. Only
    /// finance may do this; the page that calls it is for finance alone.
    /// </summary>
    public void RecordSupplierReference(string? reference, string by, DateTimeOffset at)
    {
        var trimmed = reference?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"Enter {Name}'s supplier reference, as the finance ledger shows it.");
        }

        if (trimmed.Length > SupplierReferenceMaxLength)
        {
            throw new DomainException($"The supplier reference must be {SupplierReferenceMaxLength} characters or fewer; it has {trimmed.Length}.");
        }

        if (!trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.'))
        {
            throw new DomainException("The supplier reference can only have letters, numbers, hyphens, full stops and slashes, as the finance ledger writes it (for example SUP-004512).");
        }

        SupplierReference = trimmed.ToUpperInvariant();
        SupplierReferenceRecordedBy = Text.SingleLine(by, "name of who recorded it", 256);
        SupplierReferenceRecordedAt = at;
    }

    public void ChangeLegalForm(LegalForm legalForm, RegistrationNumbers numbers)
    {
        if (!Enum.IsDefined(legalForm))
        {
            throw new DomainException("Choose the organisation's legal form.");
        }

        switch (legalForm)
        {
            case LegalForm.RegisteredCharity or LegalForm.CharitableIncorporatedOrganisation when numbers.CharityNumber is null:
                throw new DomainException($"Enter the charity number: a {LowerFirst(legalForm.Describe())} is registered with a charity regulator.");
            case LegalForm.CompanyLimitedByGuarantee or LegalForm.CommunityInterestCompany when numbers.CompanyNumber is null:
                throw new DomainException($"Enter the Companies House number: a {LowerFirst(legalForm.Describe())} is registered at Companies House.");
            case LegalForm.LocalAuthority when numbers.LocalAuthorityCode is null:
                throw new DomainException("Enter the local authority's three or four letter code (for example RDG for Reading).");
        }

        LegalForm = legalForm;
        CharityNumber = numbers.CharityNumber;
        CompanyNumber = numbers.CompanyNumber;
        LocalAuthorityCode = numbers.LocalAuthorityCode;
        OrgId = numbers.OrgId;
    }

    /// <summary>"Charitable incorporated organisation (CIO)" reads as "charitable incorporated organisation (CIO)" mid-sentence.</summary>
    private static string LowerFirst(string text) => string.Concat(text[..1].ToLowerInvariant(), text[1..]);

    public OrganisationPerson AddPerson(string fullName, string email, PersonRole role, string? userId = null)
    {
        var normalised = email.Trim();
        if (_people.Any(p => string.Equals(p.Email, normalised, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"{normalised} is already one of {Name}'s people.");
        }

        var person = new OrganisationPerson(Id, fullName, normalised, role, userId);
        _people.Add(person);
        return person;
    }

    public bool HasMember(string userId) => _people.Any(p => p.UserId == userId);

    public OrganisationDocument AddDocument(DocumentKind kind, string fileName, string storedName, string contentType, long sizeInBytes, DateTimeOffset uploadedAt, DateOnly? expiresOn)
    {
        var document = new OrganisationDocument(Id, kind, fileName, storedName, contentType, sizeInBytes, uploadedAt, expiresOn);
        _documents.Add(document);
        return document;
    }

    /// <summary>The current document of a kind: the latest uploaded that has not expired on the date given.</summary>
    public OrganisationDocument? CurrentDocument(DocumentKind kind, DateOnly on) =>
        _documents.Where(d => d.Kind == kind && (d.ExpiresOn is null || d.ExpiresOn >= on)).OrderByDescending(d => d.UploadedAt).FirstOrDefault();
}

public sealed record PostalAddress
{
    public const int LineMaxLength = 200;

    public const int TownMaxLength = 100;

    public PostalAddress(string line1, string? line2, string town, string postcode)
    {
        Line1 = NormaliseLine1(line1);
        Line2 = NormaliseLine2(line2);
        Town = NormaliseTown(town);
        Postcode = UkPostcode.Normalise(postcode);
    }

    // Each part on its own, so a form can show every problem at once, each beside its field.
    public static string NormaliseLine1(string? line1) => Text.SingleLine(line1, "first line of the address", LineMaxLength);

    public static string? NormaliseLine2(string? line2) => Text.OptionalSingleLine(line2, "second line of the address", LineMaxLength);

    public static string NormaliseTown(string? town) => Text.SingleLine(town, "town or city", TownMaxLength);

    public string Line1 { get; }

    public string? Line2 { get; }

    public string Town { get; }

    public string Postcode { get; }
}

public sealed class OrganisationPerson
{
    public const int EmailMaxLength = 254;

    private OrganisationPerson()
    {
        FullName = string.Empty;
        Email = string.Empty;
    }

    internal OrganisationPerson(OrganisationId organisationId, string fullName, string email, PersonRole role, string? userId)
    {
        CheckEmail(email);
        Id = PersonId.New();
        OrganisationId = organisationId;
        FullName = Text.SingleLine(fullName, "person's full name", 200);
        Email = email;
        Role = role;
        UserId = userId;
    }

    public PersonId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public string FullName { get; private set; }

    public string Email { get; private set; }

    public PersonRole Role { get; private set; }

    /// <summary>The sign-in account of this person, once they have one.</summary>
    public string? UserId { get; private set; }

    internal void ChangeRole(PersonRole role) => Role = role;

    internal static string CheckEmail(string email)
    {
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > EmailMaxLength)
        {
            throw new DomainException($"Enter an email address in the correct format, like name@example.org; '{email}' is not.");
        }

        return email;
    }
}

public sealed class OrganisationDocument
{
    private OrganisationDocument()
    {
        FileName = string.Empty;
        StoredName = string.Empty;
        ContentType = string.Empty;
    }

    internal OrganisationDocument(OrganisationId organisationId, DocumentKind kind, string fileName, string storedName, string contentType, long sizeInBytes, DateTimeOffset uploadedAt, DateOnly? expiresOn)
    {
        Id = DocumentId.New();
        OrganisationId = organisationId;
        Kind = kind;
        FileName = Text.SingleLine(fileName, "file name", 255);
        StoredName = Text.Required(storedName, "stored file name", 100);
        ContentType = Text.Required(contentType, "content type", 100);
        SizeInBytes = sizeInBytes;
        UploadedAt = uploadedAt;
        ExpiresOn = expiresOn;
    }

    public DocumentId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public DocumentKind Kind { get; private set; }

    public string FileName { get; private set; }

    public string StoredName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeInBytes { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>For accounts: the last day of the period they cover.</summary>
    public DateOnly? PeriodEndsOn { get; private set; }

    internal void CoversPeriodEnding(DateOnly? periodEnd) => PeriodEndsOn = periodEnd;

    public DocumentStatus StatusOn(DateOnly today) => ExpiresOn switch
    {
        null => DocumentStatus.Current,
        { } expires when expires < today => DocumentStatus.Expired,
        { } expires when expires <= today.AddDays(Organisation.ExpiresSoonDays) => DocumentStatus.ExpiresSoon,
        _ => DocumentStatus.Current,
    };
}
