using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>
/// The last reference number given in a sequence (e.g. "PPAF-2026-"). Taking the next number updates this one row
/// inside the caller's transaction, so submissions made at the same moment queue for a moment on the row instead of
/// all trying the same number and retrying; a rolled-back submission gives its number back.
/// </summary>
public sealed class ReferenceCounter
{
    public const int PrefixMaxLength = 40;

    public string Prefix { get; set; } = string.Empty;

    public long Last { get; set; }

    /// <summary>
    /// The next number of the sequence. The first time a sequence is used, it starts after the references already
    /// given with that prefix (those given before the counter existed). Call it inside a transaction.
    /// </summary>
    public static async Task<long> NextAsync(CommissioningDbContext db, string prefix, CancellationToken cancellationToken)
    {
        if (await TakeAsync(db, prefix, cancellationToken) is { } next)
        {
            return next;
        }

        var pattern = prefix + "%";
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ReferenceCounters" ("Prefix", "Last") SELECT {prefix}, COUNT(*) FROM "Applications" WHERE "Reference" LIKE {pattern} ON CONFLICT ("Prefix") DO NOTHING""",
            cancellationToken);
        return await TakeAsync(db, prefix, cancellationToken) ?? throw new InvalidOperationException($"The reference counter for {prefix} could not be created.");
    }

    private static async Task<long?> TakeAsync(CommissioningDbContext db, string prefix, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<long>($"""UPDATE "ReferenceCounters" SET "Last" = "Last" + 1 WHERE "Prefix" = {prefix} RETURNING "Last" AS "Value" """)
            .ToListAsync(cancellationToken)).Cast<long?>().SingleOrDefault();
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> builder)
    {
        builder.ToTable("ReferenceCounters");
        builder.HasKey(c => c.Prefix);
        builder.Property(c => c.Prefix).HasMaxLength(ReferenceCounter.PrefixMaxLength);
    }
}
