using Commissioning.Domain.Audit;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Decisions;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ApprovedBy).HasMaxLength(256);
        builder.Property(p => p.ExportBatch).HasMaxLength(100);
        builder.Property(p => p.CancelledBecause).HasMaxLength(1000);
        builder.HasOne<Award>().WithMany().HasForeignKey(p => p.AwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instalment>().WithMany().HasForeignKey(p => p.InstalmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.PayeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.Status, p.DueOn });
    }
}

internal sealed class MonitoringReturnConfiguration : IEntityTypeConfiguration<MonitoringReturn>
{
    public void Configure(EntityTypeBuilder<MonitoringReturn> builder)
    {
        builder.ToTable("MonitoringReturns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.Property(r => r.Narrative).HasMaxLength(MonitoringReturn.NarrativeMaxLength);

        // Two people sending the same report at once: the second save finds the status changed and is refused.
        builder.Property(r => r.Status).IsConcurrencyToken();
        builder.Property(r => r.ReviewerComment).HasMaxLength(4000);
        builder.Property(r => r.AsksVictimFigures).HasDefaultValue(false).HasSentinel(false);
        builder.OwnsOne(r => r.Figures, figures =>
        {
            figures.Property(f => f.Referrals).HasColumnName("Referrals");
            figures.Property(f => f.VictimsSupported).HasColumnName("VictimsSupported");
            figures.Property(f => f.HelpedToCopeAndRecover).HasColumnName("VictimsHelpedToCopeAndRecover");
        });
        builder.HasOne<Award>().WithMany().HasForeignKey(r => r.AwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Status, r.DueOn });
    }
}

internal sealed class DecisionRecordConfiguration : IEntityTypeConfiguration<DecisionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionRecord> builder)
    {
        builder.ToTable("DecisionRecords");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Reference).HasMaxLength(DecisionRecord.ReferenceMaxLength);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.Decision).HasMaxLength(10_000);
        builder.Property(d => d.Reasons).HasMaxLength(20_000);
        builder.Property(d => d.DecisionMaker).HasMaxLength(200);
        builder.Property(d => d.LeadOfficer).HasMaxLength(200);
        builder.Property(d => d.ConfidentialBecause).HasMaxLength(2000);
        builder.HasIndex(d => d.Reference).IsUnique();
        builder.Ignore(d => d.IsConfidential);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.At);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Persistence.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Persistence.DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
