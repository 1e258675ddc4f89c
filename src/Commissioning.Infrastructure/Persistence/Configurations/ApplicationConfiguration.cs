using Commissioning.Domain.Applications;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<GrantApplication>
{
    public void Configure(EntityTypeBuilder<GrantApplication> builder)
    {
        builder.ToTable("Applications");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ProjectTitle).HasMaxLength(GrantApplication.ProjectTitleMaxLength);
        builder.Property(a => a.Reference).HasMaxLength(40);
        builder.Property(a => a.StartedBy).HasMaxLength(256);
        builder.Property(a => a.StatusReason).HasMaxLength(2000);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.HasIndex(a => new { a.OrganisationId, a.RoundId });
        builder.HasIndex(a => new { a.RoundId, a.Status });
        builder.HasOne<FundingRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.GrantApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(a => a.Priorities, priority =>
        {
            priority.ToTable("ApplicationPriorities");
            priority.WithOwner().HasForeignKey("ApplicationId");
            priority.HasKey("ApplicationId", nameof(SupportedPriority.PriorityId));
            priority.HasOne<PlanPriority>().WithMany().HasForeignKey(p => p.PriorityId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.OwnsMany(a => a.Budget, line =>
        {
            line.ToTable("ApplicationBudgetLines");
            line.WithOwner().HasForeignKey("ApplicationId");
            line.HasKey("ApplicationId", nameof(ApplicationBudgetLine.Number));
            line.Property(l => l.Number).ValueGeneratedNever();
            line.Property(l => l.Description).HasMaxLength(ApplicationBudgetLine.DescriptionMaxLength);
        });
        builder.Navigation(a => a.Budget).HasField("_budget").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Every change to an application or its answers moves this on, so two saves of one application cannot
        // both be based on what the other replaced (a submission racing an answer being saved, or a double submit).
        builder.Property<long>(ApplicationRevision.Property).IsConcurrencyToken().HasDefaultValue(0L);
    }
}

internal sealed class ApplicationAnswerConfiguration : IEntityTypeConfiguration<ApplicationAnswer>
{
    public void Configure(EntityTypeBuilder<ApplicationAnswer> builder)
    {
        builder.ToTable("ApplicationAnswers");
        builder.HasKey(a => new { a.GrantApplicationId, a.QuestionKey });
        builder.Property(a => a.QuestionKey).HasMaxLength(100);
        builder.Property(a => a.Value).HasMaxLength(ApplicationAnswer.ValueMaxLength);
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
    }
}
