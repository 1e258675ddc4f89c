using System.Globalization;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>
/// The organisation's documents: each required kind with its status (current, expiring soon, expired, missing),
/// and a form to upload one with the date it needs. Files are checked by content by the upload store.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadStore.MaxBytes + (1024 * 1024))]
[RequestSizeLimit(UploadStore.MaxBytes + (1024 * 1024))]
public sealed class DocumentsModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, UploadDocument upload, UploadQuotas quotas, ILogger<DocumentsModel> logger) : MemberPageModel(db, users, clock)
{
    public static IReadOnlyList<DocumentKind> Kinds { get; } = [.. Organisation.RequiredDocuments, DocumentKind.Other];

    public static IReadOnlyList<string> FieldOrder { get; } = [nameof(Kind), "Date", nameof(Upload)];

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Day { get; set; }

    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public string? Year { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The key of the date input's errors (its three parts are bound on their own).</summary>
    public object? Date => null;

    /// <summary>How much of its upload quota the organisation uses, for the upload field's hint.</summary>
    public string QuotaUsed
    {
        get
        {
            var held = Organisation.HeldDocuments;
            var quota = quotas.PerOrganisation;
            return $"{Organisation.Name} holds {held.Count} of at most {quota.MaxFiles} documents, {UploadQuota.Describe(held.Sum(d => d.SizeInBytes))} of at most {quota.MaxTotalMegabytes} MB.";
        }
    }

    public IReadOnlyList<OrganisationDocument> DocumentsNewestFirst => [.. Organisation.Documents.OrderByDescending(d => d.UploadedAt)];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadWithDocumentsAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadWithDocumentsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        DocumentKind? kind = Enum.TryParse<DocumentKind>(Kind, out var parsed) && Kinds.Contains(parsed) && parsed.ToString() == Kind ? parsed : null;
        if (kind is null)
        {
            ModelState.AddModelError(nameof(Kind), "Select what kind of document this is");
        }

        var date = ReadDate();
        (DateOnly? ExpiresOn, DateOnly? PeriodEndsOn) dates = default;
        if (kind is { } chosen && date.Valid)
        {
            try
            {
                dates = Organisation.CheckDocumentDate(chosen, date.Value, Today);
            }
            catch (DomainException refusal)
            {
                ModelState.AddModelError("Date", refusal.Message);
            }
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Upload is null ? "Select a file to upload" : "The selected file is empty. Choose a file with something in it.");
        }

        if (!ModelState.IsValid || kind is null)
        {
            return Page();
        }

        await using var content = Upload!.OpenReadStream();
        switch (await upload.RunAsync(Organisation.Id, kind.Value, date.Value, content, Upload.FileName, Upload.Length, cancellationToken))
        {
            case UploadDocument.Uploaded uploaded:
                logger.LogInformation("{User} uploaded document {Document} ({Kind}) for organisation {Organisation}", UserId(), uploaded.Document.Id, kind, Organisation.Id);
                TempData[Notice.Key] = $"{kind.Value.Describe()} uploaded: {uploaded.Document.FileName}.";
                return Redirect($"/Organisations/{Organisation.Id}/Documents");
            case UploadDocument.Refused refused:
                ModelState.AddModelError(nameof(Upload), refused.Message);
                await LoadWithDocumentsAsync(id, cancellationToken);
                return Page();
            default:
                throw new InvalidOperationException("An upload ends uploaded or refused.");
        }
    }

    /// <summary>The date from the GOV.UK date input: nothing entered is null (valid), part of a date or an impossible date is an error.</summary>
    private (bool Valid, DateOnly? Value) ReadDate()
    {
        var parts = new[] { Day, Month, Year }.Select(p => p?.Trim()).ToArray();
        if (parts.All(string.IsNullOrEmpty))
        {
            return (true, null);
        }

        if (parts.Any(string.IsNullOrEmpty))
        {
            ModelState.AddModelError("Date", "The date must include a day, month and year");
            return (false, null);
        }

        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return (true, new DateOnly(year, month, day));
        }

        ModelState.AddModelError("Date", "The date must be a real date, like 27 3 2027");
        return (false, null);
    }

    private async Task<bool> LoadWithDocumentsAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return false;
        }

        await Db.Entry(Organisation).Collection(o => o.Documents).LoadAsync(cancellationToken);
        return true;
    }
}
