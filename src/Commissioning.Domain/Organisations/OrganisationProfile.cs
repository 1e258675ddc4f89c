using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Commissioning.Domain.Common;

namespace Commissioning.Domain.Organisations;

public enum BankDetailsStatus
{
    None = 0,
    AwaitingVerification = 1,
    Verified = 2,
}

public enum DocumentStatus
{
    Missing = 0,
    Current = 1,
    ExpiresSoon = 2,
    Expired = 3,
}

/// <summary>
/// Bank details as entered: checked and normalised here, but never held by the organisation itself. The
/// infrastructure keeps them encrypted; the organisation keeps only the masked parts and whether finance has
/// verified them.
/// </summary>
public sealed record BankAccountDetails
{
    public const int AccountNameMaxLength = 100;

    public const int RollNumberMaxLength = 18;

    public BankAccountDetails(string accountName, string sortCode, string accountNumber, string? rollNumber)
    {
        AccountName = NormaliseAccountName(accountName);
        SortCode = NormaliseSortCode(sortCode);
        AccountNumber = NormaliseAccountNumber(accountNumber);
        RollNumber = NormaliseRollNumber(rollNumber);
    }

    public string AccountName { get; }

    /// <summary>Six digits, no separators.</summary>
    public string SortCode { get; }

    /// <summary>Eight digits.</summary>
    public string AccountNumber { get; }

    public string? RollNumber { get; }

    public string MaskedSortCode => Mask.SortCode(SortCode[^2..]);

    /// <summary>
    /// A digest over every field (name on the account, sort code, account number, roll number), so that a
    /// verification can name exactly the details the verifier saw. Each field is length-prefixed, so no two
    /// different sets of details share a digest by moving characters from one field to the next.
    /// </summary>
    public string Digest
    {
        get
        {
            var text = new StringBuilder();
            foreach (var part in new[] { AccountName, SortCode, AccountNumber, RollNumber })
            {
                text.Append(part is null ? "-1" : part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append(';');
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    /// <summary>Whether these are the details whose <see cref="Digest"/> the verifier was shown.</summary>
    public bool AreTheOnesSeen(string? digestSeen) =>
        digestSeen is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Digest), Encoding.ASCII.GetBytes(digestSeen.Trim().ToLowerInvariant()));

    public string MaskedAccountNumber => Mask.AccountNumber(AccountNumber[^4..]);

    public static string NormaliseAccountName(string? name) => Text.Required(name, "name on the account", AccountNameMaxLength);

    /// <summary>Accepts 123456, 12-34-56 and 12 34 56.</summary>
    public static string NormaliseSortCode(string? sortCode)
    {
        if (string.IsNullOrWhiteSpace(sortCode))
        {
            throw new DomainException("Enter the sort code");
        }

        var digits = sortCode.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            throw new DomainException("Enter a valid sort code like 309430: it must be 6 digits");
        }

        return digits;
    }

    public static string NormaliseAccountNumber(string? accountNumber)
    {
        if (string.IsNullOrWhiteSpace(accountNumber))
        {
            throw new DomainException("Enter the account number");
        }

        var digits = accountNumber.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit))
        {
            throw new DomainException("Enter a valid account number like 00733445: it must be 8 digits");
        }

        return digits;
    }

    public static string? NormaliseRollNumber(string? rollNumber)
    {
        var roll = Text.Optional(rollNumber, "building society roll number", RollNumberMaxLength);
        if (roll is not null && !roll.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '/' or '.'))
        {
            throw new DomainException("Building society roll number must only include letters a to z, numbers, spaces, hyphens, full stops and forward slashes");
        }

        return roll;
    }
}

public static class Mask
{
    public static string SortCode(string lastTwo) => $"**-**-{lastTwo}";

    public static string AccountNumber(string lastFour) => $"****{lastFour}";
}

/// <summary>The organisation's profile: who is its main contact and safeguarding lead, its documents, and its bank details.</summary>
public sealed partial class Organisation
{
    /// <summary>How far ahead a document counts as expiring soon.</summary>
    public const int ExpiresSoonDays = 30;

    /// <summary>Accounts count as the latest accounts for this long after the end of the period they cover.</summary>
    public const int AccountsCurrentForMonths = 18;

    public static IReadOnlyList<DocumentKind> RequiredDocuments { get; } =
        [DocumentKind.GoverningDocument, DocumentKind.LatestAccounts, DocumentKind.SafeguardingPolicy, DocumentKind.Insurance];

    public PersonId? SafeguardingLeadId { get; private set; }

    public BankDetailsStatus BankDetailsStatus { get; private set; }

    public string? BankAccountName { get; private set; }

    /// <summary>The last two digits of the sort code, the only part the organisation holds in clear.</summary>
    public string? BankSortCodeLastTwo { get; private set; }

    /// <summary>The last four digits of the account number.</summary>
    public string? BankAccountLastFour { get; private set; }

    public DateTimeOffset? BankDetailsChangedAt { get; private set; }

    public string? BankDetailsVerifiedBy { get; private set; }

    public DateTimeOffset? BankDetailsVerifiedAt { get; private set; }

    /// <summary>No payment goes out until finance has verified the bank details it would go to.</summary>
    public bool PaymentsOnHold => BankDetailsStatus != BankDetailsStatus.Verified;

    public OrganisationPerson? MainContact => _people.FirstOrDefault(p => p.Role == PersonRole.MainContact);

    public OrganisationPerson? SafeguardingLead => SafeguardingLeadId is { } id ? _people.FirstOrDefault(p => p.Id == id) : null;

    public string? MaskedSortCode => BankSortCodeLastTwo is { } last ? Mask.SortCode(last) : null;

    public string? MaskedAccountNumber => BankAccountLastFour is { } last ? Mask.AccountNumber(last) : null;

    /// <summary>Makes one of the people the main contact; whoever was main contact before becomes a member, so there is exactly one.</summary>
    public OrganisationPerson ChooseMainContact(PersonId personId)
    {
        var person = PersonOf(personId, "main contact");
        if (person.UserId is null)
        {
            throw new DomainException($"{person.FullName} cannot be the main contact until they have signed in to the service.");
        }

        foreach (var other in _people.Where(p => p.Role == PersonRole.MainContact && p.Id != personId))
        {
            other.ChangeRole(SafeguardingLeadId == other.Id ? PersonRole.SafeguardingLead : PersonRole.Member);
        }

        person.ChangeRole(PersonRole.MainContact);
        return person;
    }

    /// <summary>Makes one of the people the safeguarding lead; the main contact may be the lead as well.</summary>
    public OrganisationPerson ChooseSafeguardingLead(PersonId personId)
    {
        var person = PersonOf(personId, "safeguarding lead");
        foreach (var other in _people.Where(p => p.Role == PersonRole.SafeguardingLead && p.Id != personId))
        {
            other.ChangeRole(PersonRole.Member);
        }

        if (person.Role == PersonRole.Member)
        {
            person.ChangeRole(PersonRole.SafeguardingLead);
        }

        SafeguardingLeadId = person.Id;
        return person;
    }

    private OrganisationPerson PersonOf(PersonId personId, string role) =>
        _people.FirstOrDefault(p => p.Id == personId)
        ?? throw new DomainException($"Choose the {role} from {Name}'s people.");

    /// <summary>
    /// Records new bank details (only their masked parts are held here). Any change puts payments on hold until
    /// finance verifies the new details: changing where grant money goes is a common fraud.
    /// </summary>
    public void ChangeBankDetails(BankAccountDetails details, DateTimeOffset at)
    {
        BankAccountName = details.AccountName;
        BankSortCodeLastTwo = details.SortCode[^2..];
        BankAccountLastFour = details.AccountNumber[^4..];
        BankDetailsStatus = BankDetailsStatus.AwaitingVerification;
        BankDetailsChangedAt = at;
        BankDetailsVerifiedBy = null;
        BankDetailsVerifiedAt = null;
    }

    /// <summary>
    /// Finance has checked the details with the organisation; payments may go out again. The verifier names the
    /// details they saw by their <see cref="BankAccountDetails.Digest"/>; when the details held now differ, they
    /// changed after the verifier looked, and nothing is verified.
    /// </summary>
    public void VerifyBankDetails(BankAccountDetails current, string? digestSeen, string verifierUserId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);

        if (BankDetailsStatus != BankDetailsStatus.AwaitingVerification)
        {
            throw new DomainException(BankDetailsStatus == BankDetailsStatus.Verified
                ? $"{Name}'s bank details were already verified on {UkTime.DateOf(BankDetailsVerifiedAt!.Value).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}."
                : $"{Name} has not given bank details to verify.");
        }

        if (!current.AreTheOnesSeen(digestSeen))
        {
            throw new DomainException($"{Name}'s bank details have changed since you opened the page, so nothing was verified. Check the details shown below with the organisation, then verify them.");
        }

        if (HasMember(verifierUserId))
        {
            throw new DomainException($"You are a member of {Name}, so someone else in finance must verify its bank details.");
        }

        BankDetailsStatus = BankDetailsStatus.Verified;
        BankDetailsVerifiedBy = Text.Required(verifierUserId, "verifier", 450);
        BankDetailsVerifiedAt = at;
    }

    /// <summary>
    /// Adds a document, checking the date it needs: insurance and the safeguarding policy expire, accounts cover a
    /// period (and count as the latest for <see cref="AccountsCurrentForMonths"/> months after it ends).
    /// </summary>
    /// <remarks>
    /// The organisation's <paramref name="quota"/> must leave room for it: a new document of a required kind
    /// replaces the latest of that kind, so only the other documents held count against it.
    /// </remarks>
    public OrganisationDocument AddDocument(DocumentKind kind, StoredDocument file, DateTimeOffset uploadedAt, DateOnly? date, UploadQuota quota)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (expiresOn, periodEnd) = CheckDocumentDate(kind, date, UkTime.DateOf(uploadedAt));
        EnsureRoomForDocument(kind, file.SizeInBytes, quota);
        var document = AddDocument(kind, file.FileName, file.StoredName, file.ContentType, file.SizeInBytes, uploadedAt, expiresOn);
        document.CoversPeriodEnding(periodEnd);
        return document;
    }

    /// <summary>
    /// The date a kind of document needs, checked before its file is kept: insurance and the safeguarding policy
    /// expire, accounts cover a period (and count as the latest for <see cref="AccountsCurrentForMonths"/> months after it ends).
    /// </summary>
    public static (DateOnly? ExpiresOn, DateOnly? PeriodEndsOn) CheckDocumentDate(DocumentKind kind, DateOnly? date, DateOnly today)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Select what kind of document this is");
        }

        switch (kind)
        {
            case DocumentKind.Insurance or DocumentKind.SafeguardingPolicy:
                var expiresOn = date ?? throw new DomainException(kind == DocumentKind.Insurance
                    ? "Enter the date the insurance expires"
                    : "Enter the date the safeguarding policy is due for review");
                if (expiresOn < today)
                {
                    throw new DomainException("The expiry date must be today or in the future: upload the current document");
                }

                return (expiresOn, null);
            case DocumentKind.LatestAccounts:
                var periodEnd = date ?? throw new DomainException("Enter the date the period the accounts cover ends");
                if (periodEnd > today)
                {
                    throw new DomainException("The end of the accounts' period must be in the past");
                }

                var currentUntil = periodEnd.AddMonths(AccountsCurrentForMonths);
                if (currentUntil < today)
                {
                    throw new DomainException($"These accounts are more than {AccountsCurrentForMonths} months old: upload your latest accounts");
                }

                return (currentUntil, periodEnd);
            default:
                if (date < today)
                {
                    throw new DomainException("The expiry date must be today or in the future");
                }

                return (date, null);
        }
    }

    /// <summary>
    /// The documents the organisation holds now: the latest of each required kind, and every other document.
    /// These are what the upload quota counts; a document replaced by a newer one of its kind no longer does.
    /// </summary>
    public IReadOnlyList<OrganisationDocument> HeldDocuments =>
        [.. _documents.Where(d => d.Kind == DocumentKind.Other || d == LatestDocument(d.Kind))];

    /// <summary>
    /// Documents of a required kind that a newer one has replaced. Nothing shows or serves them any more, so only
    /// their record is kept: the file behind each can be deleted (see <see cref="HeldDocuments"/>).
    /// </summary>
    public IReadOnlyList<OrganisationDocument> ReplacedDocuments => [.. _documents.Except(HeldDocuments)];

    /// <summary>
    /// Refuses a document of this kind and size, before its file is kept, when the organisation's quota has no room
    /// for it; the message says how much is held and what to do.
    /// </summary>
    public void EnsureRoomForDocument(DocumentKind kind, long sizeInBytes, UploadQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var staying = HeldDocuments.Where(d => kind == DocumentKind.Other || d.Kind != kind).Select(d => d.SizeInBytes).ToList();
        quota.EnsureRoomFor(staying, sizeInBytes, "This organisation", "document");
    }

    /// <summary>
    /// Removes a document the organisation no longer needs. Only other documents can be removed: a required one is
    /// replaced by uploading a newer one, so the office never loses sight of the current one.
    /// </summary>
    public OrganisationDocument RemoveDocument(DocumentId documentId)
    {
        var document = _documents.FirstOrDefault(d => d.Id == documentId)
            ?? throw new DomainException("That document is not one of this organisation's. Choose one from the list.");
        if (document.Kind != DocumentKind.Other)
        {
            throw new DomainException("A required document cannot be removed. Upload a newer one to replace it.");
        }

        _documents.Remove(document);
        return document;
    }

    /// <summary>The latest document of a kind, expired or not.</summary>
    public OrganisationDocument? LatestDocument(DocumentKind kind) =>
        _documents.Where(d => d.Kind == kind).OrderByDescending(d => d.UploadedAt).FirstOrDefault();

    public DocumentStatus StatusOf(DocumentKind kind, DateOnly today) => LatestDocument(kind) is { } document ? document.StatusOn(today) : DocumentStatus.Missing;
}

/// <summary>A file the upload store has accepted.</summary>
public sealed record StoredDocument(string FileName, string StoredName, string ContentType, long SizeInBytes);


