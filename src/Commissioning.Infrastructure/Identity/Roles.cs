namespace Commissioning.Infrastructure.Identity;

/// <summary>
/// The roles of the service. People at a Community Safety Partnership are applicants whose organisation is a
/// local authority.
/// </summary>
public static class Roles
{
    public const string Applicant = nameof(Applicant);
    public const string GrantsOfficer = nameof(GrantsOfficer);
    public const string Assessor = nameof(Assessor);
    public const string DecisionMaker = nameof(DecisionMaker);
    public const string Finance = nameof(Finance);

    /// <summary>Approves payments and the finance exports Finance prepares: a second person before money moves.</summary>
    public const string FinanceApprover = nameof(FinanceApprover);

    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Applicant, GrantsOfficer, Assessor, DecisionMaker, Finance, FinanceApprover, Admin];

    /// <summary>Office staff: they may (and should) turn on two-factor sign-in.</summary>
    public static IReadOnlyList<string> Staff { get; } = [GrantsOfficer, Assessor, DecisionMaker, Finance, FinanceApprover, Admin];

    public const string StaffList = $"{GrantsOfficer},{Assessor},{DecisionMaker},{Finance},{FinanceApprover},{Admin}";

    public static string Describe(string role) => role switch
    {
        Applicant => "Applicant",
        GrantsOfficer => "Grants officer",
        Assessor => "Assessor",
        DecisionMaker => "Decision maker (Police and Crime Commissioner)",
        Finance => "Finance",
        FinanceApprover => "Finance approver",
        Admin => "Administrator",
        _ => role,
    };
}
