using Commissioning.Infrastructure.Identity;

namespace Commissioning.Infrastructure.CaseFiles;

/// <summary>The parts of an application's case file, and of an organisation's record, that a member of staff may be shown.</summary>
[Flags]
public enum CaseFileParts
{
    None = 0,

    /// <summary>The answers to the form's questions, as the applicant saw them (file answers listed by name).</summary>
    Answers = 1 << 0,

    /// <summary>The application's budget lines and the amount asked of the fund.</summary>
    Budget = 1 << 1,

    /// <summary>The plan priorities the application supports.</summary>
    Priorities = 1 << 2,

    /// <summary>The files uploaded as answers, as downloads.</summary>
    Uploads = 1 << 3,

    /// <summary>The organisation's name, legal form, registered numbers, address and contacts.</summary>
    OrganisationProfile = 1 << 4,

    /// <summary>The organisation's documents (governing document, accounts, safeguarding policy, insurance) with their expiry, as downloads.</summary>
    OrganisationDocuments = 1 << 5,

    /// <summary>The organisation's other applications and its awards, in any fund.</summary>
    OtherApplicationsAndAwards = 1 << 6,

    /// <summary>The office's questions to the applicant and the answers.</summary>
    Clarifications = 1 << 7,

    /// <summary>The workflow's history and its open tasks (who holds them, and the outcomes of tasks already done).</summary>
    WorkflowHistoryAndTasks = 1 << 8,

    /// <summary>Whether the organisation has given bank details and whether finance has verified them (masked account only).</summary>
    BankStatus = 1 << 9,

    /// <summary>The award made on the application: amount, status, instalments paid.</summary>
    Award = 1 << 10,

    /// <summary>The PDF copy of what was submitted (answers, budget and priorities).</summary>
    Pdf = 1 << 11,

    Everything = Answers | Budget | Priorities | Uploads | OrganisationProfile | OrganisationDocuments | OtherApplicationsAndAwards
        | Clarifications | WorkflowHistoryAndTasks | BankStatus | Award | Pdf,
}

/// <summary>
/// What each staff role may see of an application's case file and of an organisation's record: decided here, once.
/// The loaders (<see cref="OpenCaseFile"/>, <see cref="OpenOrganisationFile"/>) read only these parts from the
/// database, and the downloads of uploads and organisation documents ask the same question.
/// <list type="bullet">
/// <item>Grants officers and administrators: everything.</item>
/// <item>The decision maker: everything but the organisation's bank status.</item>
/// <item>Assessors, and only on applications they are (or were) given to assess: what they need to score (answers,
/// uploads, budget, priorities, the PDF, the office's clarifications with the answers) and the organisation's profile;
/// not its documents (due diligence is the officers' check, not part of the score), not its other applications or
/// awards, not its bank status, and nothing of the workflow's history or tasks, which would show other assessors'
/// outcomes.</item>
/// <item>Finance and finance approvers: the organisation, its documents (accounts, insurance), bank status, its
/// awards and other applications, the application's budget and its award; not the answers, uploads, priorities,
/// clarifications or PDF, which they do not need to pay a grant.</item>
/// <item>Applicants are not staff: they see their own organisation's applications through the applicant's pages.</item>
/// </list>
/// </summary>
public static class CaseFileAccess
{
    /// <summary>The staff roles that may open a case file at all (what they see in it depends on the role).</summary>
    public const string CaseFileRoles = $"{Roles.GrantsOfficer},{Roles.Assessor},{Roles.DecisionMaker},{Roles.Finance},{Roles.FinanceApprover},{Roles.Admin}";

    /// <summary>The staff roles that work across applications and organisations: the lists of a round's applications and the directory of organisations.</summary>
    public const string DirectoryRoles = $"{Roles.GrantsOfficer},{Roles.DecisionMaker},{Roles.Finance},{Roles.FinanceApprover},{Roles.Admin}";

    /// <summary>The staff roles that may list a round's applications.</summary>
    public const string ApplicationListRoles = $"{Roles.GrantsOfficer},{Roles.DecisionMaker},{Roles.Admin}";

    private const CaseFileParts AssessorParts = CaseFileParts.Answers | CaseFileParts.Budget | CaseFileParts.Priorities | CaseFileParts.Uploads
        | CaseFileParts.OrganisationProfile | CaseFileParts.Clarifications | CaseFileParts.Pdf;

    private const CaseFileParts FinanceParts = CaseFileParts.Budget | CaseFileParts.OrganisationProfile | CaseFileParts.OrganisationDocuments
        | CaseFileParts.OtherApplicationsAndAwards | CaseFileParts.BankStatus | CaseFileParts.Award;

    /// <summary>What one role may see.</summary>
    public static CaseFileParts PartsFor(string role) => role switch
    {
        Roles.GrantsOfficer or Roles.Admin => CaseFileParts.Everything,
        Roles.DecisionMaker => CaseFileParts.Everything & ~CaseFileParts.BankStatus,
        Roles.Assessor => AssessorParts,
        Roles.Finance or Roles.FinanceApprover => FinanceParts,
        _ => CaseFileParts.None,
    };

    /// <summary>What a person with these roles may see: everything any of their roles may.</summary>
    public static CaseFileParts PartsFor(IEnumerable<string> roles) => roles.Aggregate(CaseFileParts.None, (parts, role) => parts | PartsFor(role));

    /// <summary>
    /// Whether the person may open a given application's case file: any role but the assessor's may open any; an
    /// assessor only an application they hold or held an assessment task for (or one still open to any assessor).
    /// </summary>
    public static bool MayOpenAnyApplication(IEnumerable<string> roles) =>
        roles.Any(r => r is not Roles.Assessor && PartsFor(r) != CaseFileParts.None);

    /// <summary>
    /// What the person may see of one application's case file, given whether (as an assessor) they are assessing it;
    /// <see cref="CaseFileParts.None"/> when they may not open it.
    /// </summary>
    public static CaseFileParts PartsFor(IEnumerable<string> roles, bool assessingIt) =>
        roles.Aggregate(CaseFileParts.None, (parts, role) => parts | (role == Roles.Assessor && !assessingIt ? CaseFileParts.None : PartsFor(role)));
}
