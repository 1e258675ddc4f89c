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
        builder.OwnsMany(r => r.Priorities, priority =>
        {
            priority.ToTable("RoundPriorities");
            priority.WithOwner().HasForeignKey("RoundId");
            priority.HasKey("RoundId", nameof(RoundPriority.PriorityId));
            priority.HasOne<PlanPriority>().WithMany().HasForeignKey(p => p.PriorityId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
