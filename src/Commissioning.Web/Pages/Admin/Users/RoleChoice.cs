using Commissioning.Infrastructure.Identity;

namespace Commissioning.Web.Pages.Admin.Users;

/// <summary>The office's roles as checkboxes posted under <see cref="Key"/>, for _RoleCheckboxes.</summary>
public sealed record RoleChoice(string Key, string Legend, IReadOnlyCollection<string> Chosen)
{
    public static string WhatItDoes(string role) => role switch
    {
        Roles.GrantsOfficer => "Checks bids, sets up funds, rounds and forms, and manages grants",
        Roles.Assessor => "Scores the bids they are given",
        Roles.DecisionMaker => "Decides on bids, as or for the Police and Crime Commissioner",
        Roles.Finance => "Verifies bank details, records supplier references and prepares payments",
        Roles.FinanceApprover => "Approves payments Finance has prepared",
        Roles.Admin => "Invites staff, gives roles, and looks after the service",
        _ => string.Empty,
    };
}
