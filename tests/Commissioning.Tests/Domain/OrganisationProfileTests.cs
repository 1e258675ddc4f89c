using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;

namespace Commissioning.Tests.Domain;

public class OrganisationProfileTests
{
    private static readonly DateTimeOffset Now = UkTime.ToInstant(new DateOnly(2026, 7, 15), new TimeOnly(10, 0));

    private static readonly DateOnly Today = new(2026, 7, 15);

    private static Organisation Riverside(out OrganisationPerson amira, out OrganisationPerson ben, out OrganisationPerson noSignIn)
    {
        var organisation = new Organisation("Riverside Youth Project", LegalForm.RegisteredCharity, RegistrationNumbers.Create(charityNumber: "1187654"));
        amira = organisation.AddPerson("Amira Okafor", "amira@example.org", PersonRole.MainContact, "user-amira");
        ben = organisation.AddPerson("Ben Cole", "ben@example.org", PersonRole.Member, "user-ben");
        noSignIn = organisation.AddPerson("Cara Dunn", "cara@example.org", PersonRole.Member);
        return organisation;
    }

    [Fact]
    public void Choosing_a_new_main_contact_leaves_exactly_one()
    {
        var organisation = Riverside(out var amira, out var ben, out _);

        organisation.ChooseMainContact(ben.Id);

        Assert.Same(ben, organisation.MainContact);
        Assert.Single(organisation.People, p => p.Role == PersonRole.MainContact);
        Assert.Equal(PersonRole.Member, amira.Role);
    }

    [Fact]
    public void The_main_contact_must_be_one_of_the_people_with_a_sign_in()
    {
        var organisation = Riverside(out var amira, out _, out var noSignIn);

        Assert.Equal("Choose the main contact from Riverside Youth Project's people.", Refusal.Of(() => organisation.ChooseMainContact(PersonId.New())));
        Assert.Equal("Cara Dunn cannot be the main contact until they have signed in to the service.", Refusal.Of(() => organisation.ChooseMainContact(noSignIn.Id)));
        Assert.Same(amira, organisation.MainContact);
    }

    [Fact]
    public void The_safeguarding_lead_must_be_one_of_the_people_and_may_be_the_main_contact()
    {
        var organisation = Riverside(out var amira, out var ben, out _);

        Assert.Equal("Choose the safeguarding lead from Riverside Youth Project's people.", Refusal.Of(() => organisation.ChooseSafeguardingLead(PersonId.New())));
        Assert.Null(organisation.SafeguardingLead);

        organisation.ChooseSafeguardingLead(ben.Id);
        Assert.Same(ben, organisation.SafeguardingLead);
        Assert.Equal(PersonRole.SafeguardingLead, ben.Role);

        organisation.ChooseSafeguardingLead(amira.Id);
        Assert.Same(amira, organisation.SafeguardingLead);
        Assert.Equal(PersonRole.MainContact, amira.Role);
        Assert.Equal(PersonRole.Member, ben.Role);
    }

    [Theory]
    [InlineData("12-34-56")]
    [InlineData("12 34 56")]
    [InlineData("123456")]
    public void A_sort_code_is_six_digits_with_or_without_separators(string sortCode)
    {
        var details = new BankAccountDetails("Riverside Youth Project", sortCode, "12345678", null);

        Assert.Equal("123456", details.SortCode);
        Assert.Equal("**-**-56", details.MaskedSortCode);
        Assert.Equal("****5678", details.MaskedAccountNumber);
    }

    [Theory]
    [InlineData("12345", "12345678", "Enter a valid sort code like 309430: it must be 6 digits")]
    [InlineData("12-34-5X", "12345678", "Enter a valid sort code like 309430: it must be 6 digits")]
    [InlineData("", "12345678", "Enter the sort code")]
    [InlineData("123456", "1234567", "Enter a valid account number like 00733445: it must be 8 digits")]
    [InlineData("123456", "1234567A", "Enter a valid account number like 00733445: it must be 8 digits")]
    [InlineData("123456", " ", "Enter the account number")]
    public void Malformed_bank_details_are_refused_with_a_message(string sortCode, string accountNumber, string message) =>
        Assert.Equal(message, Refusal.Of(() => new BankAccountDetails("Riverside", sortCode, accountNumber, null)));

    [Fact]
    public void Changing_bank_details_keeps_only_masked_parts_and_puts_payments_on_hold_until_finance_verifies()
    {
        var organisation = Riverside(out _, out _, out _);
        Assert.Equal(BankDetailsStatus.None, organisation.BankDetailsStatus);
        Assert.True(organisation.PaymentsOnHold);

        var details = new BankAccountDetails("Riverside Youth Project", "12-34-56", "12345678", null);
        organisation.ChangeBankDetails(details, Now);

        Assert.Equal(BankDetailsStatus.AwaitingVerification, organisation.BankDetailsStatus);
        Assert.True(organisation.PaymentsOnHold);
        Assert.Equal("**-**-56", organisation.MaskedSortCode);
        Assert.Equal("****5678", organisation.MaskedAccountNumber);
        Assert.Equal("5678", organisation.BankAccountLastFour);

        organisation.VerifyBankDetails(details, details.Digest, "user-finance", Now.AddHours(2));

        Assert.Equal(BankDetailsStatus.Verified, organisation.BankDetailsStatus);
        Assert.False(organisation.PaymentsOnHold);
        Assert.Equal("user-finance", organisation.BankDetailsVerifiedBy);
        Assert.Equal(Now.AddHours(2), organisation.BankDetailsVerifiedAt);

        organisation.ChangeBankDetails(new BankAccountDetails("Riverside Youth Project", "654321", "87654321", "ROLL 1"), Now.AddDays(1));

        Assert.True(organisation.PaymentsOnHold);
        Assert.Equal(BankDetailsStatus.AwaitingVerification, organisation.BankDetailsStatus);
        Assert.Null(organisation.BankDetailsVerifiedBy);
    }

    [Fact]
    public void Bank_details_are_verified_once_and_not_by_a_member_of_the_organisation()
    {
        var organisation = Riverside(out _, out _, out _);
        var details = new BankAccountDetails("Riverside Youth Project", "123456", "12345678", null);
        Assert.Equal("Riverside Youth Project has not given bank details to verify.", Refusal.Of(() => organisation.VerifyBankDetails(details, details.Digest, "user-finance", Now)));

        organisation.ChangeBankDetails(details, Now);
        Assert.Equal("You are a member of Riverside Youth Project, so someone else in finance must verify its bank details.", Refusal.Of(() => organisation.VerifyBankDetails(details, details.Digest, "user-ben", Now)));

        organisation.VerifyBankDetails(details, details.Digest, "user-finance", Now);
        Assert.Equal("Riverside Youth Project's bank details were already verified on 15 July 2026.", Refusal.Of(() => organisation.VerifyBankDetails(details, details.Digest, "user-finance", Now)));
    }

    [Fact]
    public void Finance_verifies_only_the_exact_details_it_was_shown()
    {
        var organisation = Riverside(out _, out _, out _);
        var shown = new BankAccountDetails("Riverside Youth Project", "123456", "12345678", "ROLL 1");
        organisation.ChangeBankDetails(shown, Now);
        BankAccountDetails[] changedSince =
        [
            new("Riverside Youth Projects", "123456", "12345678", "ROLL 1"),
            new("Riverside Youth Project", "123457", "12345678", "ROLL 1"),
            new("Riverside Youth Project", "123456", "12345679", "ROLL 1"),
            new("Riverside Youth Project", "123456", "12345678", "ROLL 2"),
            new("Riverside Youth Project", "123456", "12345678", null),
        ];

        Assert.Equal(shown.Digest, new BankAccountDetails("Riverside Youth Project", "12-34-56", "1234 5678", "ROLL 1").Digest);
        Assert.Equal(changedSince.Length, changedSince.Select(d => d.Digest).Append(shown.Digest).Distinct().Count() - 1);
        foreach (var current in changedSince)
        {
            organisation.ChangeBankDetails(current, Now);
            Assert.Equal("Riverside Youth Project's bank details have changed since you opened the page, so nothing was verified. Check the details shown below with the organisation, then verify them.",
                Refusal.Of(() => organisation.VerifyBankDetails(current, shown.Digest, "user-finance", Now)));
            Assert.Equal(BankDetailsStatus.AwaitingVerification, organisation.BankDetailsStatus);
        }

        Assert.Contains("have changed since", Refusal.Of(() => organisation.VerifyBankDetails(shown, null, "user-finance", Now)), StringComparison.Ordinal);
        organisation.ChangeBankDetails(shown, Now);
        organisation.VerifyBankDetails(shown, shown.Digest.ToUpperInvariant(), "user-finance", Now);
        Assert.Equal(BankDetailsStatus.Verified, organisation.BankDetailsStatus);
    }

    [Theory]
    [InlineData(DocumentKind.Insurance, "Enter the date the insurance expires")]
    [InlineData(DocumentKind.SafeguardingPolicy, "Enter the date the safeguarding policy is due for review")]
    [InlineData(DocumentKind.LatestAccounts, "Enter the date the period the accounts cover ends")]
    public void Documents_that_expire_need_their_date(DocumentKind kind, string message) =>
        Assert.Equal(message, Refusal.Of(() => Organisation.CheckDocumentDate(kind, null, Today)));

    [Fact]
    public void Accounts_count_for_eighteen_months_after_their_period_and_an_expired_policy_is_refused()
    {
        Assert.Equal((new DateOnly(2027, 9, 30), new DateOnly(2026, 3, 31)), Organisation.CheckDocumentDate(DocumentKind.LatestAccounts, new DateOnly(2026, 3, 31), Today));
        Assert.Equal("These accounts are more than 18 months old: upload your latest accounts", Refusal.Of(() => Organisation.CheckDocumentDate(DocumentKind.LatestAccounts, new DateOnly(2024, 12, 31), Today)));
        Assert.Equal("The end of the accounts' period must be in the past", Refusal.Of(() => Organisation.CheckDocumentDate(DocumentKind.LatestAccounts, new DateOnly(2026, 12, 31), Today)));
        Assert.Equal("The expiry date must be today or in the future: upload the current document", Refusal.Of(() => Organisation.CheckDocumentDate(DocumentKind.Insurance, new DateOnly(2026, 7, 14), Today)));
        Assert.Equal((null, null), Organisation.CheckDocumentDate(DocumentKind.GoverningDocument, null, Today));
    }

    [Fact]
    public void A_document_kind_is_missing_current_expiring_soon_or_expired()
    {
        var organisation = Riverside(out _, out _, out _);
        Assert.Equal(DocumentStatus.Missing, organisation.StatusOf(DocumentKind.Insurance, Today));

        organisation.AddDocument(DocumentKind.Insurance, new StoredDocument("cover.pdf", "a.pdf", "application/pdf", 10), Now, new DateOnly(2026, 8, 14), UploadQuota.OrganisationDefault);
        organisation.AddDocument(DocumentKind.GoverningDocument, new StoredDocument("constitution.pdf", "b.pdf", "application/pdf", 10), Now, null, UploadQuota.OrganisationDefault);

        Assert.Equal(DocumentStatus.Current, organisation.StatusOf(DocumentKind.Insurance, Today.AddDays(-1)));
        Assert.Equal(DocumentStatus.ExpiresSoon, organisation.StatusOf(DocumentKind.Insurance, Today));
        Assert.Equal(DocumentStatus.ExpiresSoon, organisation.StatusOf(DocumentKind.Insurance, new DateOnly(2026, 8, 14)));
        Assert.Equal(DocumentStatus.Expired, organisation.StatusOf(DocumentKind.Insurance, new DateOnly(2026, 8, 15)));
        Assert.Equal(DocumentStatus.Current, organisation.StatusOf(DocumentKind.GoverningDocument, new DateOnly(2030, 1, 1)));
        Assert.Equal("Enter the date the insurance expires", Refusal.Of(() => organisation.AddDocument(DocumentKind.Insurance, new StoredDocument("c.pdf", "c.pdf", "application/pdf", 10), Now, null, UploadQuota.OrganisationDefault)));
    }

    [Fact]
    public void A_payment_is_not_approved_while_the_payees_bank_details_wait_for_verification()
    {
        var organisation = Riverside(out _, out _, out _);
        var payment = new Commissioning.Domain.Payments.Payment(AwardId.New(), InstalmentId.New(), organisation.Id, Money.FromPounds(1_000m), new DateOnly(2026, 11, 1));

        Assert.Equal("Payments to Riverside Youth Project are on hold until finance has verified its bank details.", Refusal.Of(() => payment.Approve(organisation, "finance", Now)));
        var details = new BankAccountDetails("Riverside Youth Project", "123456", "12345678", null);
        organisation.ChangeBankDetails(details, Now);
        Assert.Equal("Payments to Riverside Youth Project are on hold until finance has verified its bank details.", Refusal.Of(() => payment.Approve(organisation, "finance", Now)));
        var other = new Organisation("Someone Else", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
        Assert.Equal("This payment is not to Someone Else.", Refusal.Of(() => payment.Approve(other, "finance", Now)));

        organisation.VerifyBankDetails(details, details.Digest, "user-finance", Now);
        payment.Approve(organisation, "finance", Now);

        Assert.Equal(Commissioning.Domain.Payments.PaymentStatus.Approved, payment.Status);
    }
}
