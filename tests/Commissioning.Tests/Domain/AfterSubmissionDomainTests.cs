using Commissioning.Domain.Applications;

namespace Commissioning.Tests.Domain;

public class AfterSubmissionDomainTests
{
    private static readonly DateTimeOffset Later = Build.WhileOpen.AddDays(3);

    private static GrantApplication Submitted()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);
        application.Submit(round, Build.Record(), "PPAF-2026-00007", Build.WhileOpen);
        return application;
    }

    [Fact]
    public void A_question_is_answered_once_and_a_second_answer_is_refused()
    {
        var application = Submitted();
        var question = Clarification.Ask(application, "  Is the hall booked?  ", "officer@example.org", Build.WhileOpen);

        question.Respond(application, "Yes, every Tuesday.", "applicant@example.org", Later);

        Assert.Equal("Is the hall booked?", question.Question);
        Assert.False(question.IsOpen);
        Assert.Equal(("Yes, every Tuesday.", "applicant@example.org", (DateTimeOffset?)Later), (question.Answer, question.AnsweredBy, question.AnsweredAt));
        Assert.StartsWith("This question was already answered by applicant@example.org.", Refusal.Of(() => question.Respond(application, "No.", "someone@example.org", Later)), StringComparison.Ordinal);
        Assert.Equal("Yes, every Tuesday.", question.Answer);
    }

    [Fact]
    public void An_answer_is_required_and_limited_in_length()
    {
        var application = Submitted();
        var question = Clarification.Ask(application, "Is the hall booked?", "officer@example.org", Build.WhileOpen);

        Assert.Equal("Enter the answer.", Refusal.Of(() => question.Respond(application, "  ", "a@example.org", Later)));
        Assert.Equal($"The answer must be {Clarification.AnswerMaxLength} characters or fewer; it has {Clarification.AnswerMaxLength + 1}.", Refusal.Of(() => question.Respond(application, new string('x', Clarification.AnswerMaxLength + 1), "a@example.org", Later)));
        Assert.True(question.IsOpen);
    }

    [Fact]
    public void Questions_about_a_draft_or_a_withdrawn_application_cannot_be_asked_or_answered()
    {
        var draft = Build.ReadyToSubmit(Build.Round());
        var application = Submitted();
        var question = Clarification.Ask(application, "Is the hall booked?", "officer@example.org", Build.WhileOpen);
        application.Withdraw("We found other funding.");

        Assert.Equal("This application is a draft, so questions about it can no longer be asked or answered.", Refusal.Of(() => Clarification.Ask(draft, "Why?", "officer@example.org", Later)));
        Assert.Equal("This application is withdrawn, so questions about it can no longer be asked or answered.", Refusal.Of(() => question.Respond(application, "Yes.", "a@example.org", Later)));
        Assert.True(question.IsOpen);
    }

    [Fact]
    public void Only_an_approved_application_has_an_offer_to_accept_and_the_signing_date_cannot_be_in_the_future()
    {
        var application = Submitted();
        var today = new DateOnly(2026, 10, 1);

        Assert.StartsWith("This application is submitted; only an approved application", Refusal.Of(() => OfferResponse.Accept(application, "Ann Chair", "Chair", today, today, Later, "192.0.2.1", "user-1", "a@example.org")), StringComparison.Ordinal);

        application.StartAssessment();
        application.Recommend(null);
        application.Approve();
        Assert.Equal("The date you sign the acceptance must be today or in the past.", Refusal.Of(() => OfferResponse.Accept(application, "Ann Chair", "Chair", today.AddDays(1), today, Later, "192.0.2.1", "user-1", "a@example.org")));
        Assert.Equal("Enter the signatory's full name.", Refusal.Of(() => OfferResponse.Accept(application, " ", "Chair", today, today, Later, "192.0.2.1", "user-1", "a@example.org")));

        var accepted = OfferResponse.Accept(application, " Ann Chair ", "Chair", today, today, Later, "192.0.2.1", "user-1", "a@example.org");
        Assert.Equal((OfferDecision.Accepted, "Ann Chair", "Chair", (DateOnly?)today, "192.0.2.1", Later), (accepted.Decision, accepted.SignatoryName, accepted.SignatoryRole, accepted.SignedOn, accepted.IpAddress, accepted.RespondedAt));
        Assert.Equal("Enter the reason for declining the offer.", Refusal.Of(() => OfferResponse.Decline(application, "", Later, null, "user-1", "a@example.org")));
    }
}
