using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>
/// The organisation's bank details: shown masked, and entered in full only here. Any change puts payments on hold
/// until finance verifies the new details, and the main contact, every member and the office are emailed about it.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class BankModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, BankDetailsVault vault, ProfileEmails emails, ILogger<BankModel> logger) : MemberPageModel(db, users, clock)
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.AccountName", "Input.SortCode", "Input.AccountNumber", "Input.RollNumber"];

    [BindProperty]
    public BankInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var name = Attempt(ModelState, "Input.AccountName", () => BankAccountDetails.NormaliseAccountName(Input.AccountName));
        var sortCode = Attempt(ModelState, "Input.SortCode", () => BankAccountDetails.NormaliseSortCode(Input.SortCode));
        var accountNumber = Attempt(ModelState, "Input.AccountNumber", () => BankAccountDetails.NormaliseAccountNumber(Input.AccountNumber));
        var rollNumber = Attempt(ModelState, "Input.RollNumber", () => BankAccountDetails.NormaliseRollNumber(Input.RollNumber) ?? string.Empty);
        if (!ModelState.IsValid || name is null || sortCode is null || accountNumber is null || rollNumber is null)
        {
            return Page();
        }

        var details = new BankAccountDetails(name, sortCode, accountNumber, rollNumber);
        await vault.SetAsync(Organisation, details, Now, cancellationToken);
        await emails.QueueBankDetailsChangedAsync(Organisation, MyName(), Request);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another member saved bank details for the first time at the same moment (one row per organisation).
            Db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(string.Empty, "Someone else changed the bank details at the same moment. Check them below, and enter yours again if they are wrong.");
            return Page();
        }

        logger.LogWarning("{User} changed the bank details of organisation {Organisation}; its payments are on hold until finance verifies them", UserId(), Organisation.Id);
        TempData[Notice.Key] = "Your bank details have been saved. Payments are on hold until our finance team has verified them. We have emailed the main contact, the organisation's other members and the office.";
        Input = new BankInput();
        return Redirect($"/Organisations/{Organisation.Id}/Bank");
    }

    public sealed class BankInput
    {
        public string? AccountName { get; set; }

        public string? SortCode { get; set; }

        public string? AccountNumber { get; set; }

        public string? RollNumber { get; set; }
    }
}
