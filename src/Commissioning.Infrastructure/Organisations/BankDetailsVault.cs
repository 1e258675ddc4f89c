using System.Text.Json;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Organisations;

/// <summary>An organisation's bank details, encrypted with Data Protection: the column never holds the plain numbers.</summary>
public sealed class ProtectedBankDetails
{
    public OrganisationId OrganisationId { get; set; }

    public string Protected { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ProtectedBankDetailsConfiguration : IEntityTypeConfiguration<ProtectedBankDetails>
{
    public void Configure(EntityTypeBuilder<ProtectedBankDetails> builder)
    {
        builder.ToTable("OrganisationBankDetails");
        builder.HasKey(b => b.OrganisationId);
        builder.Property(b => b.Protected).HasMaxLength(4000);
        builder.HasOne<Organisation>().WithOne().HasForeignKey<ProtectedBankDetails>(b => b.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps bank details encrypted at rest and records the change on the organisation (which puts its payments on
/// hold until finance verifies them). The caller saves.
/// </summary>
public sealed class BankDetailsVault(CommissioningDbContext db, IDataProtectionProvider protection)
{
    public const string Purpose = "Commissioning.BankDetails.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task SetAsync(Organisation organisation, BankAccountDetails details, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var sealedDetails = _protector.Protect(JsonSerializer.Serialize(new Plain(details.AccountName, details.SortCode, details.AccountNumber, details.RollNumber)));
        var row = await db.Set<ProtectedBankDetails>().SingleOrDefaultAsync(b => b.OrganisationId == organisation.Id, cancellationToken);
        if (row is null)
        {
            db.Add(new ProtectedBankDetails { OrganisationId = organisation.Id, Protected = sealedDetails, UpdatedAt = at });
        }
        else
        {
            row.Protected = sealedDetails;
            row.UpdatedAt = at;
        }

        organisation.ChangeBankDetails(details, at);
    }

    /// <summary>The details in full, for finance to verify; null when the organisation has given none.</summary>
    public async Task<BankAccountDetails?> ReadAsync(OrganisationId organisationId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<ProtectedBankDetails>().AsNoTracking().SingleOrDefaultAsync(b => b.OrganisationId == organisationId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var plain = JsonSerializer.Deserialize<Plain>(_protector.Unprotect(row.Protected))!;
        return new BankAccountDetails(plain.AccountName, plain.SortCode, plain.AccountNumber, plain.RollNumber);
    }

    private sealed record Plain(string AccountName, string SortCode, string AccountNumber, string? RollNumber);
}
