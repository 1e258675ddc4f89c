using Commissioning.Domain.Funds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class FundConfiguration : IEntityTypeConfiguration<Fund>
{
    public void Configure(EntityTypeBuilder<Fund> builder)
    {
        builder.ToTable("Funds");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(Fund.NameMaxLength);
        builder.Property(f => f.FundingSource).HasMaxLength(Fund.FundingSourceMaxLength);
        builder.Property(f => f.PublishesAs).HasMaxLength(PublisherOrgId.MaxLength);
        builder.Property(f => f.CostCentre).HasMaxLength(FinanceCodes.MaxLength);
        builder.Property(f => f.NominalCode).HasMaxLength(FinanceCodes.MaxLength);
        builder.Property(f => f.FundCode).HasMaxLength(FinanceCodes.MaxLength);
        builder.Ignore(f => f.Codes);
        builder.HasIndex(f => f.Name).IsUnique();
        builder.HasMany(f => f.Budgets).WithOne().HasForeignKey(b => b.FundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundBudgetConfiguration : IEntityTypeConfiguration<FundBudget>
{
    public void Configure(EntityTypeBuilder<FundBudget> builder)
    {
        builder.ToTable("Budgets");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => new { b.FundId, b.Year }).IsUnique();
        builder.HasMany(b => b.Lines).WithOne().HasForeignKey(l => l.BudgetId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(b => b.Total);
        builder.Ignore(b => b.Committed);
    }
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> builder)
    {
        builder.ToTable("BudgetLines", t => t.HasCheckConstraint(
            "CK_BudgetLines_NotOverCommitted",
            "\"Committed\" >= 0 AND \"Committed\" <= \"Amount\" + \"OverProgrammingMargin\""));
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(BudgetLine.NameMaxLength);
        builder.Property(l => l.RingFencedFor).HasMaxLength(BudgetLine.PurposeMaxLength);
        builder.Property(l => l.MarginReason).HasMaxLength(BudgetLine.PurposeMaxLength);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasOne<Fund>().WithMany().HasForeignKey(l => l.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.BudgetId, l.Name }).IsUnique();
        builder.HasIndex(l => new { l.FundId, l.Year });
        builder.Ignore(l => l.Ceiling);
        builder.Ignore(l => l.Remaining);
        builder.Ignore(l => l.IsRingFenced);
        builder.Property(l => l.CostCentre).HasMaxLength(FinanceCodes.MaxLength);
        builder.Property(l => l.NominalCode).HasMaxLength(FinanceCodes.MaxLength);
        builder.Property(l => l.FundCode).HasMaxLength(FinanceCodes.MaxLength);
        builder.Property(l => l.UpliftReason).HasMaxLength(BudgetLine.PurposeMaxLength);
        builder.Ignore(l => l.OwnCodes);
        builder.Ignore(l => l.IsUplift);
        builder.HasMany(l => l.Changes).WithOne().HasForeignKey(c => c.BudgetLineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetLineChangeConfiguration : IEntityTypeConfiguration<BudgetLineChange>
{
    public void Configure(EntityTypeBuilder<BudgetLineChange> builder)
    {
        builder.ToTable("BudgetLineChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reason).HasMaxLength(BudgetLine.ReasonMaxLength);
        builder.Property(c => c.By).HasMaxLength(BudgetLineChange.ByMaxLength);
        builder.HasIndex(c => new { c.BudgetLineId, c.At });
    }
}
