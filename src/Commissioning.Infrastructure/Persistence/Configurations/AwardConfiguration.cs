using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> builder)
    {
        builder.ToTable("Awards");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Purpose).HasMaxLength(Award.PurposeMaxLength);

        // Every change of an award's state (offered, accepted, withdrawn) is decided once: two at the same moment
        // (an acceptance and the offer's expiry) cannot both be saved.
        builder.Property(a => a.Status).IsConcurrencyToken();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(a => a.GrantApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Fund>().WithMany().HasForeignKey(a => a.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(a => a.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.GrantApplicationId).IsUnique();
        builder.HasIndex(a => new { a.FundId, a.Year });
        builder.Ignore(a => a.PrimaryPriority);
        builder.Ignore(a => a.PaidSoFar);
        builder.HasMany(a => a.Priorities).WithOne().HasForeignKey(p => p.AwardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Conditions).WithOne().HasForeignKey(c => c.AwardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Instalments).WithOne().HasForeignKey(i => i.AwardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AwardPriorityConfiguration : IEntityTypeConfiguration<AwardPriority>
{
    public void Configure(EntityTypeBuilder<AwardPriority> builder)
    {
        builder.ToTable("AwardPriorities");
        builder.HasKey(p => new { p.AwardId, p.PriorityId });
        builder.HasOne<PlanPriority>().WithMany().HasForeignKey(p => p.PriorityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardConditionConfiguration : IEntityTypeConfiguration<AwardCondition>
{
    public void Configure(EntityTypeBuilder<AwardCondition> builder)
    {
        builder.ToTable("AwardConditions");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Text).HasMaxLength(AwardCondition.TextMaxLength);
        builder.Property(c => c.Key).HasMaxLength(ConditionKeys.MaxLength);
    }
}

internal sealed class InstalmentConfiguration : IEntityTypeConfiguration<Instalment>
{
    public void Configure(EntityTypeBuilder<Instalment> builder)
    {
        builder.ToTable("Instalments");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => new { i.AwardId, i.Number }).IsUnique();
        builder.Ignore(i => i.IsPaid);
    }
}
