using Commissioning.Domain.Organisations;

namespace Commissioning.Web.Pages.Organisations.Profile;

public static class ProfileText
{
    public static string Describe(this DocumentKind kind) => kind switch
    {
        DocumentKind.GoverningDocument => "Governing document",
        DocumentKind.LatestAccounts => "Latest accounts",
        DocumentKind.SafeguardingPolicy => "Safeguarding policy",
        DocumentKind.Insurance => "Insurance certificate",
        _ => "Other document",
    };

    public static string Describe(this BankDetailsStatus status) => status switch
    {
        BankDetailsStatus.AwaitingVerification => "Waiting for finance to verify",
        BankDetailsStatus.Verified => "Verified",
        _ => "Not given",
    };
}
