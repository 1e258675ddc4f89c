using Commissioning.Domain.Audit;

namespace Commissioning.Tests.Domain;

public class AuditEntryTests
{
    [Fact]
    public void An_audit_entry_records_who_did_what_to_which_record_and_when()
    {
        var at = new DateTimeOffset(2026, 10, 1, 9, 15, 0, TimeSpan.Zero);

        var entry = new AuditEntry(at, "grants.officer@opcc.example", "Award", "0193a1b2-0000-7000-8000-000000000001", "Offered", """{"Status": {"from": "Committed", "to": "Offered"}}""");

        Assert.Equal(at, entry.At);
        Assert.Equal("grants.officer@opcc.example", entry.Actor);
        Assert.Equal("Award", entry.EntityType);
        Assert.Equal("0193a1b2-0000-7000-8000-000000000001", entry.EntityId);
        Assert.Equal("Offered", entry.Action);
        Assert.Equal("""{"Status": {"from": "Committed", "to": "Offered"}}""", entry.Changes);
        Assert.NotEqual(Guid.Empty, entry.Id.Value);
    }

    [Fact]
    public void Each_audit_entry_has_its_own_id()
    {
        var at = new DateTimeOffset(2026, 10, 1, 9, 15, 0, TimeSpan.Zero);

        var first = new AuditEntry(at, "a", "Award", "1", "Offered", "{}");
        var second = new AuditEntry(at, "a", "Award", "1", "Offered", "{}");

        Assert.NotEqual(first.Id, second.Id);
    }
}
