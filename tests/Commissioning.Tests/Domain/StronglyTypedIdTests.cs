using Commissioning.Domain.Common;

namespace Commissioning.Tests.Domain;

public class StronglyTypedIdTests
{
    [Fact]
    public void New_ids_are_version_seven_guids_so_they_sort_by_creation_time()
    {
        var id = AwardId.New();

        Assert.Equal(7, id.Value.Version);
    }

    [Fact]
    public void Ids_made_a_millisecond_or_more_apart_sort_in_the_order_they_were_made()
    {
        var first = GrantApplicationId.New();
        Thread.Sleep(5);
        var second = GrantApplicationId.New();

        Assert.True(first.Value.CompareTo(second.Value) < 0);
    }

    [Fact]
    public void An_id_round_trips_through_its_guid_and_text()
    {
        var guid = Guid.CreateVersion7();

        var id = BudgetLineId.From(guid);

        Assert.Equal(guid, id.Value);
        Assert.Equal(guid.ToString(), id.ToString());
        Assert.Equal(BudgetLineId.From(guid), id);
    }

    [Fact]
    public void Every_new_id_is_different()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => PaymentId.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_can_be_made_generically_from_a_guid()
    {
        var guid = Guid.CreateVersion7();

        Assert.Equal(new RoundId(guid), Make<RoundId>(guid));
        Assert.Equal(new OrganisationId(guid), Make<OrganisationId>(guid));
    }

    private static TId Make<TId>(Guid value) where TId : struct, IStronglyTypedId<TId> => TId.From(value);
}
