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
        builder.Property(p => p.PriorityTerm).HasMaxLength(PoliceAndCrimePlan.PriorityTermMaxLength);
        builder.Ignore(p => p.PriorityTermPlural);
        builder.Ignore(p => p.AllOutcomes);
        builder.HasMany(p => p.Priorities).WithOne().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Priorities).AutoInclude();
        builder.HasMany(p => p.Outcomes).WithOne().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Outcomes).AutoInclude();
    }
}

internal sealed class PlanPriorityConfiguration : IEntityTypeConfiguration<PlanPriority>
{
    public void Configure(EntityTypeBuilder<PlanPriority> builder)
    {
        builder.ToTable("PlanPriorities");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(PlanPriority.TitleMaxLength);
        builder.Property(p => p.Summary).HasMaxLength(PlanPriority.SummaryMaxLength);
        builder.HasIndex(p => new { p.PlanId, p.Order }).IsUnique();
        builder.HasMany(p => p.Outcomes).WithOne().HasForeignKey(o => o.PriorityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Outcomes).AutoInclude();
        builder.HasMany(p => p.WordingChanges).WithOne().HasForeignKey(c => c.PriorityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.WordingChanges).AutoInclude();
    }
}

internal sealed class PlanPriorityWordingChangeConfiguration : IEntityTypeConfiguration<PlanPriorityWordingChange>
{
    public void Configure(EntityTypeBuilder<PlanPriorityWordingChange> builder)
    {
        builder.ToTable("PlanPriorityWordingChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.PreviousTitle).HasMaxLength(PlanPriority.TitleMaxLength);
        builder.Property(c => c.PreviousSummary).HasMaxLength(PlanPriority.SummaryMaxLength);
        builder.Property(c => c.By).HasMaxLength(PlanPriorityWordingChange.ByMaxLength);
        builder.HasIndex(c => new { c.PriorityId, c.At });
    }
}

internal sealed class PlanOutcomeConfiguration : IEntityTypeConfiguration<PlanOutcome>
{
    public void Configure(EntityTypeBuilder<PlanOutcome> builder)
    {
        builder.ToTable("PlanOutcomes", t => t.HasCheckConstraint(
            "CK_PlanOutcomes_OneLevel",
            "(\"PlanId\" IS NULL) <> (\"PriorityId\" IS NULL)"));
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Description).HasMaxLength(PlanOutcome.DescriptionMaxLength);
        builder.HasIndex(o => new { o.PriorityId, o.Order }).IsUnique();
        builder.HasIndex(o => new { o.PlanId, o.Order }).IsUnique();
        builder.Ignore(o => o.IsPlanLevel);
        builder.Ignore(o => o.MapsTo);
        builder.OwnsMany(o => o.Mappings, mapping =>
        {
            mapping.ToTable("PlanOutcomePriorities");
            mapping.WithOwner().HasForeignKey("OutcomeId");
            mapping.HasKey("OutcomeId", nameof(OutcomePriority.PriorityId));
            mapping.HasOne<PlanPriority>().WithMany().HasForeignKey(m => m.PriorityId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Navigation(o => o.Mappings).AutoInclude();
        builder.HasMany(o => o.Measures).WithOne().HasForeignKey(m => m.OutcomeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Measures).AutoInclude();
    }
}

internal sealed class OutcomeMeasureConfiguration : IEntityTypeConfiguration<OutcomeMeasure>
{
    public void Configure(EntityTypeBuilder<OutcomeMeasure> builder)
    {
        builder.ToTable("OutcomeMeasures");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(OutcomeMeasure.NameMaxLength);
        builder.Property(m => m.Unit).HasMaxLength(OutcomeMeasure.UnitMaxLength);
        builder.HasIndex(m => new { m.OutcomeId, m.Order }).IsUnique();
    }
}
