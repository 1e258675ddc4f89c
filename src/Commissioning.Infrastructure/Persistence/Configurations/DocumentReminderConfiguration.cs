using Commissioning.Infrastructure.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class DocumentReminderConfiguration : IEntityTypeConfiguration<DocumentReminder>
{
    public void Configure(EntityTypeBuilder<DocumentReminder> builder)
    {
        builder.ToTable("DocumentReminders");
        builder.HasKey(r => new { r.DocumentId, r.Kind });
        builder.HasIndex(r => r.OrganisationId);
    }
}
