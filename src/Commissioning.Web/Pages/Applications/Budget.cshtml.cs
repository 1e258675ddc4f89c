using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// The project budget: its costs, other funding and match funding, line by line, with the totals worked out here in
/// whole pence. What it leaves for the fund to pay must equal the amount asked for. A budget with a wrong line is not
/// saved at all (the one saved before stays), so a half-saved budget never adds up to the wrong total.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class BudgetModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    private const int MaxSaveAttempts = 5;

    public sealed record Row(string? Description, string? Amount);

    public sealed record Group(BudgetLineKind Kind, string Prefix, string Title, string Noun, string Hint, IReadOnlyList<Row> Rows);

    public LoadedApplication Loaded { get; private set; } = null!;

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public bool Saved { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public static string Field(string prefix, int index, string part) => $"{prefix}[{index}].{part}";

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!Loaded.IsEditable(clock.GetUtcNow()))
        {
            return Redirect(ApplicationProgress.Href(Loaded, "CheckAnswers"));
        }

        ShowStored(extraRows: 3);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] string? action, [FromForm] Guid? roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (roundId != Loaded.Application.RoundId.Value)
        {
            ShowStored(extraRows: 3);
            ModelState.AddModelError(string.Empty, "This form was for a different funding round, so nothing was saved. Go back to your application and try again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Loaded.WhyReadOnly(clock.GetUtcNow()) is { } readOnly)
        {
            ShowStored(extraRows: 3);
            ModelState.AddModelError(string.Empty, readOnly);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var items = ReadItems();
        if (!ModelState.IsValid)
        {
            ShowPosted(extraRows: 3);
            return Page();
        }

        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                db.ChangeTracker.Clear();
                if (await LoadAsync(id, cancellationToken) is { } gone)
                {
                    return gone;
                }
            }

            var application = Loaded.Application;
            try
            {
                application.SetBudget(items);
                if (Loaded.Form.AmountQuestion is null)
                {
                    application.Request(application.AskedOfFund, Loaded.Round);
                }
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                ModelState.AddModelError(Field("cost", 0, "description"), ex.Message.TrimEnd('.'));
                await LoadAsync(id, cancellationToken);
                ShowPosted(extraRows: 3);
                return Page();
            }

            db.Touch(application);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxSaveAttempts)
            {
                // Someone saved this application a moment ago: save the budget again on top of their change.
            }
        }

        Saved = true;
        if (!Loaded.Application.BudgetBalances)
        {
            ModelState.AddModelError(string.Empty, ApplicationProgress.BudgetMismatch(Loaded));
            ShowStored(extraRows: 3);
            return Page();
        }

        if (action == "more")
        {
            ShowStored(extraRows: 6);
            return Page();
        }

        Notice = "Your budget has been saved.";
        return Redirect(ApplicationProgress.Href(Loaded));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        return null;
    }

    private static IEnumerable<(BudgetLineKind Kind, string Prefix, string Title, string Noun, string Hint)> Kinds() =>
    [
        (BudgetLineKind.Cost, "cost", "What will the project cost?", "cost", "List each thing you will spend money on, like \u2018Sessional youth worker, 40 hours\u2019, and what it will cost."),
        (BudgetLineKind.OtherFunding, "other", "Other funding towards the project (optional)", "other funding", "Money from other funders, like a council grant or another trust, whether you have it already or have asked for it."),
        (BudgetLineKind.MatchFunding, "match", "Match funding (optional)", "match funding", "What your organisation puts in itself, like reserves or money you will raise."),
    ];

    private List<BudgetItem> ReadItems()
    {
        var items = new List<BudgetItem>();
        foreach (var kind in Kinds())
        {
            var rows = PostedRows(kind.Prefix);
            for (var index = 0; index < rows.Count; index++)
            {
                var (description, amountText) = (rows[index].Description?.Trim() ?? string.Empty, rows[index].Amount?.Trim() ?? string.Empty);
                if (description.Length == 0 && amountText.Length == 0)
                {
                    continue;
                }

                var line = $"{char.ToUpperInvariant(kind.Noun[0])}{kind.Noun[1..]} line {index + 1}";
                if (description.Length == 0)
                {
                    ModelState.AddModelError(Field(kind.Prefix, index, "description"), $"{line}: enter what the money is for");
                }
                else if (description.Length > ApplicationBudgetLine.DescriptionMaxLength)
                {
                    ModelState.AddModelError(Field(kind.Prefix, index, "description"), $"{line}: the description must be {ApplicationBudgetLine.DescriptionMaxLength} characters or fewer; it has {description.Length}");
                }

                if (!Money.TryParse(amountText, out var amount, out var error))
                {
                    ModelState.AddModelError(Field(kind.Prefix, index, "amount"), $"{line}: {LowerFirst(error!)}");
                }
                else if (!amount.IsPositive)
                {
                    ModelState.AddModelError(Field(kind.Prefix, index, "amount"), $"{line}: the amount must be more than £0.00");
                }
                else if (description.Length is > 0 and <= ApplicationBudgetLine.DescriptionMaxLength)
                {
                    items.Add(new BudgetItem(kind.Kind, description, amount));
                }
            }
        }

        if (ModelState.IsValid && items.Count > GrantApplication.MaxBudgetLines)
        {
            ModelState.AddModelError(string.Empty, $"A budget can have at most {GrantApplication.MaxBudgetLines} lines");
        }

        return items;
    }

    private static string LowerFirst(string text) => string.Concat(text[..1].ToLowerInvariant(), text[1..]);

    private List<Row> PostedRows(string prefix)
    {
        var rows = new List<Row>();
        for (var index = 0; index < GrantApplication.MaxBudgetLines; index++)
        {
            var description = Request.Form[Field(prefix, index, "description")];
            var amount = Request.Form[Field(prefix, index, "amount")];
            if (description.Count == 0 && amount.Count == 0)
            {
                break;
            }

            rows.Add(new Row(description.ToString(), amount.ToString()));
        }

        return rows;
    }

    private void ShowStored(int extraRows)
    {
        var budget = Loaded.Application.Budget;
        Groups = Kinds().Select(k => new Group(k.Kind, k.Prefix, k.Title, k.Noun, k.Hint,
            [.. budget.Where(l => l.Kind == k.Kind).Select(l => new Row(l.Description, l.Amount.ToPlainString())), .. Blank(k.Kind == BudgetLineKind.Cost ? extraRows : Math.Max(1, extraRows - 2))])).ToList();
    }

    private void ShowPosted(int extraRows)
    {
        Groups = Kinds().Select(k =>
        {
            var kept = PostedRows(k.Prefix);
            var lastFilled = kept.FindLastIndex(r => !string.IsNullOrWhiteSpace(r.Description) || !string.IsNullOrWhiteSpace(r.Amount));
            return new Group(k.Kind, k.Prefix, k.Title, k.Noun, k.Hint, [.. kept.Take(lastFilled + 1), .. Blank(k.Kind == BudgetLineKind.Cost ? extraRows : 1)]);
        }).ToList();
    }

    private static IEnumerable<Row> Blank(int count) => Enumerable.Range(0, count).Select(_ => new Row(null, null));
}
