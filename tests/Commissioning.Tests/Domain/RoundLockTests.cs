using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;

namespace Commissioning.Tests.Domain;

/// <summary>Once an application to a round has been started, the round's questions and assessment criteria are fixed.</summary>
public class RoundLockTests
{
    [Fact]
    public void Criteria_are_refused_once_an_application_has_been_started_saying_since_when_and_offering_a_copy()
    {
        var round = Build.PublishedRound();
        GrantApplication.Start(round, Build.Record(), "Safer routes home", Build.WhileOpen, "applicant@example.org");

        var message = Refusal.Of(() => round.SetCriteria(Build.Criteria(50, 50)));

        Assert.Equal($"Applications to {Build.RoundTitle} have been started since {UkTime.Describe(Build.WhileOpen)}, so its questions and assessment criteria are fixed. Copy the round to make a new one with different questions or criteria; its dates and limits can still be changed here.", message);
        Assert.Equal([40, 30, 30], round.Criteria.Select(c => c.WeightPercent));
    }
}
