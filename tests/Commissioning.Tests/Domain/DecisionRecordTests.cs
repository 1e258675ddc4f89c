namespace Commissioning.Tests.Domain;

public class DecisionRecordTests
{
    [Fact]
    public void A_decision_is_recorded_with_the_register_of_interests_confirmed()
    {
        var decision = Build.Decision();

        Assert.True(decision.RegisterOfInterestsConfirmed);
        Assert.False(decision.IsConfidential);
        Assert.Null(decision.PublishedOn);
        Assert.Equal("04/2025-26", decision.Reference);
    }

    [Fact]
    public void A_decision_cannot_be_recorded_without_confirming_the_register_of_interests()
    {
        var message = Refusal.Of(() => Build.Decision(registerOfInterestsUpToDate: false));

        Assert.Equal("Confirm that the register of interests is up to date before recording the decision.", message);
    }

    [Fact]
    public void Publishing_a_confidential_decision_is_refused_and_says_why_it_is_confidential()
    {
        var decision = Build.Decision(confidentialBecause: "commercially sensitive pricing");

        var message = Refusal.Of(() => decision.Publish(new DateOnly(2026, 3, 25)));

        Assert.Equal("Decision 04/2025-26 is confidential (commercially sensitive pricing) and cannot be published.", message);
        Assert.Null(decision.PublishedOn);
    }

    [Fact]
    public void A_decision_is_published_once()
    {
        var decision = Build.Decision();
        decision.Publish(new DateOnly(2026, 3, 25));

        var message = Refusal.Of(() => decision.Publish(new DateOnly(2026, 4, 1)));

        Assert.Equal("Decision 04/2025-26 was already published on 25 March 2026.", message);
        Assert.Equal(new DateOnly(2026, 3, 25), decision.PublishedOn);
    }

    [Fact]
    public void A_blank_confidentiality_reason_means_the_decision_is_not_confidential()
    {
        var decision = Build.Decision(confidentialBecause: "   ");

        decision.Publish(new DateOnly(2026, 3, 25));

        Assert.False(decision.IsConfidential);
        Assert.Equal(new DateOnly(2026, 3, 25), decision.PublishedOn);
    }

    [Theory]
    [InlineData("WPCC3-0124")]
    [InlineData("050/2021")]
    [InlineData("04/2025-26")]
    public void Each_office_numbers_its_decisions_in_its_own_format(string reference)
    {
        Assert.Equal(reference, Build.Decision(reference: reference).Reference);
    }

    [Fact]
    public void A_decision_needs_a_reference_of_reasonable_length()
    {
        Assert.Equal("Enter the decision reference.", Refusal.Of(() => Build.Decision(reference: " ")));
        Assert.Equal("The decision reference must be 40 characters or fewer; it has 41.", Refusal.Of(() => Build.Decision(reference: new string('1', 41))));
    }
}
