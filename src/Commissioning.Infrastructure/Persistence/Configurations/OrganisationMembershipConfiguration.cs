using Commissioning.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> builder)
    {
        builder.ToTable("OrganisationJoinRequests");
        builder.HasKey(r => r.Id);
        builder.HasOne<Organisation>().WithMany(o => o.JoinRequests).HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.FullName).HasMaxLength(200);
        builder.Property(r => r.Email).HasMaxLength(OrganisationPerson.EmailMaxLength);
        builder.Property(r => r.Message).HasMaxLength(JoinRequest.MessageMaxLength);
        builder.Property(r => r.DecidedBy).HasMaxLength(450);
        builder.HasIndex(r => new { r.OrganisationId, r.Status });
        builder.HasIndex(r => r.UserId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("OrganisationInvitations");
        builder.HasKey(i => i.Id);
        builder.HasOne<Organisation>().WithMany(o => o.Invitations).HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Email).HasMaxLength(OrganisationPerson.EmailMaxLength);
        builder.Property(i => i.TokenHash).HasMaxLength(Invitation.TokenHashLength);
        builder.Property(i => i.InvitedBy).HasMaxLength(450);
        builder.HasIndex(i => i.TokenHash).IsUnique();
    }
}
