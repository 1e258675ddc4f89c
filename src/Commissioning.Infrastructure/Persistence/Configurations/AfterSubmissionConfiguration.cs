using Commissioning.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class ClarificationConfiguration : IEntityTypeConfiguration<Clarification>
{
    public void Configure(EntityTypeBuilder<Clarification> builder)
    {
        builder.ToTable("ApplicationClarifications");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Question).HasMaxLength(Clarification.QuestionMaxLength);
        builder.Property(c => c.Answer).HasMaxLength(Clarification.AnswerMaxLength);
        builder.Property(c => c.AskedBy).HasMaxLength(256);
        builder.Property(c => c.AnsweredBy).HasMaxLength(256);
        builder.Ignore(c => c.IsOpen);
        builder.HasIndex(c => c.ApplicationId);
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);

        // Two answers sent at once: only the first is saved.
        builder.Property<long>("Revision").IsConcurrencyToken().HasDefaultValue(0L);
    }
}

internal sealed class OfferResponseConfiguration : IEntityTypeConfiguration<OfferResponse>
{
    public void Configure(EntityTypeBuilder<OfferResponse> builder)
    {
        builder.ToTable("OfferResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SignatoryName).HasMaxLength(OfferResponse.NameMaxLength);
        builder.Property(r => r.SignatoryRole).HasMaxLength(OfferResponse.RoleMaxLength);
        builder.Property(r => r.DeclineReason).HasMaxLength(OfferResponse.ReasonMaxLength);
        builder.Property(r => r.IpAddress).HasMaxLength(64);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.RespondedBy).HasMaxLength(256);

        // One answer to an offer: a second (a double click, two people at once) fails here and changes nothing.
        builder.HasIndex(r => r.ApplicationId).IsUnique();
        builder.HasOne<GrantApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
