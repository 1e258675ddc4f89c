using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class RoundConfiguration : IEntityTypeConfiguration<FundingRound>
{
    public void Configure(EntityTypeBuilder<FundingRound> builder)
    {
        builder.ToTable("Rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(FundingRound.TitleMaxLength);
        builder.Property(r => r.Summary).HasMaxLength(FundingRound.SummaryMaxLength);
        builder.HasOne<Fund>().WithMany().HasForeignKey(r => r.FundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.FundId, r.Year });
        builder.HasIndex(r => r.ClosesAt);
        builder.Property(r => r.Scale).HasConversion(JsonColumn.Converter<ScoreScale>(), JsonColumn.Comparer<ScoreScale>());
        builder.Property(r => r.Criteria).HasConversion(JsonColumn.Converter<IReadOnlyList<AssessmentCriterion>>(), JsonColumn.Comparer<IReadOnlyList<AssessmentCriterion>>());
        builder.Property(r => r.EligibilityRules).HasConversion(JsonColumn.Converter<IReadOnlyList<EligibilityRule>>(), JsonColumn.Comparer<IReadOnlyList<EligibilityRule>>());
        builder.Property(r => r.Form).HasConversion(JsonColumn.Converter<ApplicationForm>(), JsonColumn.Comparer<ApplicationForm>());
        builder.Property(r => r.ExcludedLegalForms).HasConversion(JsonColumn.Converter<IReadOnlyList<LegalForm>>(), JsonColumn.Comparer<IReadOnlyList<LegalForm>>()).HasDefaultValueSql("'[]'");
        builder.Property(r => r.AllowsSeveralApplicationsPerOrganisation).HasDefaultValue(false).HasSentinel(false);
        builder.Property(r => r.DeliveryAreas).HasConversion(JsonColumn.Converter<IReadOnlyList<string>>(), JsonColumn.Comparer<IReadOnlyList<string>>()).HasDefaultValueSql("'[]'");
        builder.Property(r => r.Terms).HasConversion(JsonColumn.Converter<RoundTerms?>(), JsonColumn.Comparer<RoundTerms?>());
        builder.Property(r => r.ExcludesCoreCosts).HasDefaultValue(false).HasSentinel(false);
        builder.Property(r => r.ModerationThreshold).HasDefaultValue(FundingRound.DefaultModerationThreshold).HasSentinel(-1);
        builder.Property(r => r.Version).IsConcurrencyToken().HasDefaultValue(0L).HasSentinel(-1L);
        builder.HasOne<BudgetLine>().WithMany().HasForeignKey(r => r.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.BudgetLineId);
        builder.HasMany(r => r.Changes).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(r => r.Priorities, priority =>
        {
            priority.ToTable("RoundPriorities");
            priority.WithOwner().HasForeignKey("RoundId");
            priority.HasKey("RoundId", nameof(RoundPriority.PriorityId));
            priority.HasOne<PlanPriority>().WithMany().HasForeignKey(p => p.PriorityId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

internal sealed class RoundChangeConfiguration : IEntityTypeConfiguration<RoundChange>
{
    public void Configure(EntityTypeBuilder<RoundChange> builder)
    {
        builder.ToTable("RoundChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.What).HasMaxLength(RoundChange.WhatMaxLength);
        builder.Property(c => c.From).HasMaxLength(RoundChange.ValueMaxLength);
        builder.Property(c => c.To).HasMaxLength(RoundChange.ValueMaxLength);
        builder.Property(c => c.Reason).HasMaxLength(RoundChange.ReasonMaxLength);
        builder.Property(c => c.By).HasMaxLength(RoundChange.ByMaxLength);
        builder.HasIndex(c => new { c.RoundId, c.At });
    }
}
