using Commissioning.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(o => o.CharityNumber).HasMaxLength(12);
        builder.Property(o => o.CompanyNumber).HasMaxLength(8);
        builder.Property(o => o.LocalAuthorityCode).HasMaxLength(4);
        builder.Property(o => o.OrgId).HasMaxLength(40);
        builder.HasIndex(o => o.OrgId).IsUnique();
        builder.HasIndex(o => o.Name);
        builder.Ignore(o => o.IsCommunitySafetyPartnership);
        builder.Ignore(o => o.PaymentsOnHold);
        builder.Ignore(o => o.MainContact);
        builder.Ignore(o => o.SafeguardingLead);
        builder.Ignore(o => o.MaskedSortCode);
        builder.Ignore(o => o.MaskedAccountNumber);
        builder.Ignore(o => o.HeldDocuments);
        builder.Ignore(o => o.ReplacedDocuments);
        builder.Property(o => o.BankDetailsStatus).HasDefaultValue(BankDetailsStatus.None).HasSentinel(BankDetailsStatus.None);
        builder.Property(o => o.BankAccountName).HasMaxLength(BankAccountDetails.AccountNameMaxLength);
        builder.Property(o => o.BankSortCodeLastTwo).HasMaxLength(2);
        builder.Property(o => o.BankAccountLastFour).HasMaxLength(4);
        builder.Property(o => o.BankDetailsVerifiedBy).HasMaxLength(450);
        builder.Property(o => o.SupplierReference).HasMaxLength(Organisation.SupplierReferenceMaxLength);
        builder.Property(o => o.SupplierReferenceRecordedBy).HasMaxLength(256);

        // A verification saved after the details changed again would release payments to details nobody checked.
        builder.Property(o => o.BankDetailsChangedAt).IsConcurrencyToken();

        // Two uploads at once would each pass the upload quota on what they read before the other was saved.
        builder.Property<long>(OrganisationDocumentsRevision.Property).IsConcurrencyToken().HasDefaultValue(0L);
        builder.HasIndex(o => o.BankDetailsStatus);
        builder.OwnsOne(o => o.Address, address =>
        {
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.Town).HasMaxLength(100);
            address.Property(a => a.Postcode).HasMaxLength(8);
        });
        builder.HasMany(o => o.People).WithOne().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Documents).WithOne().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.People).AutoInclude();
    }
}

internal sealed class OrganisationPersonConfiguration : IEntityTypeConfiguration<OrganisationPerson>
{
    public void Configure(EntityTypeBuilder<OrganisationPerson> builder)
    {
        builder.ToTable("OrganisationPeople");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FullName).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasIndex(p => new { p.OrganisationId, p.Email }).IsUnique();
        builder.HasIndex(p => p.UserId);
    }
}

internal sealed class OrganisationDocumentConfiguration : IEntityTypeConfiguration<OrganisationDocument>
{
    public void Configure(EntityTypeBuilder<OrganisationDocument> builder)
    {
        builder.ToTable("OrganisationDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.FileName).HasMaxLength(255);
        builder.Property(d => d.StoredName).HasMaxLength(100);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.HasIndex(d => d.StoredName).IsUnique();
    }
}
