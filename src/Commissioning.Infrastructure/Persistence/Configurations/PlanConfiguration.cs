using Commissioning.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<PoliceAndCrimePlan>
{
    public void Configure(EntityTypeBuilder<PoliceAndCrimePlan> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(PoliceAndCrimePlan.TitleMaxLength);
        builder.Property(p => p.PriorityTerm).HasMaxLength(40);
        builder.HasMany(p => p.Priorities).WithOne().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Priorities).AutoInclude();
    }
}

internal sealed class PlanPriorityConfiguration : IEntityTypeConfiguration<PlanPriority>
{
    public void Configure(EntityTypeBuilder<PlanPriority> builder)
    {
        builder.ToTable("PlanPriorities");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(PlanPriority.TitleMaxLength);
        builder.Property(p => p.Summary).HasMaxLength(2000);
        builder.HasIndex(p => new { p.PlanId, p.Order }).IsUnique();
        builder.HasMany(p => p.Outcomes).WithOne().HasForeignKey(o => o.PriorityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Outcomes).AutoInclude();
    }
}

internal sealed class PlanOutcomeConfiguration : IEntityTypeConfiguration<PlanOutcome>
{
    public void Configure(EntityTypeBuilder<PlanOutcome> builder)
    {
        builder.ToTable("PlanOutcomes");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Description).HasMaxLength(PlanOutcome.DescriptionMaxLength);
        builder.HasIndex(o => new { o.PriorityId, o.Order }).IsUnique();
    }
}
