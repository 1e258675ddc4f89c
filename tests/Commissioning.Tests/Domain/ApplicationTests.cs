using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class ApplicationTests
{
    [Fact]
    public void A_new_application_is_a_draft_with_no_reference()
    {
        var round = Build.Round();

        var application = Build.Draft(round);

        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Null(application.Reference);
        Assert.Null(application.SubmittedAt);
        Assert.Equal(round.Id, application.RoundId);
    }

    [Fact]
    public void An_application_needs_a_project_title()
    {
        var round = Build.Round();

        Assert.Equal("Enter the project title.", Refusal.Of(() => Build.Draft(round, projectTitle: " ")));
    }

    [Fact]
    public void Submitting_while_the_round_is_open_freezes_the_application_with_its_reference()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);

        application.Submit(round, Build.Record(), "CSF-2026-00042", Build.WhileOpen);

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal("CSF-2026-00042", application.Reference);
        Assert.Equal(Build.WhileOpen, application.SubmittedAt);
    }

    [Fact]
    public void Submitting_one_second_before_the_deadline_is_accepted()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);

        application.Submit(round, Build.Record(), "CSF-2026-00042", Build.ClosesAt.AddSeconds(-1));

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    [Fact]
    public void Submitting_after_the_round_closes_is_refused_and_names_the_closing_time()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.ClosesAt.AddMinutes(1)));

        Assert.Equal("Safer Streets Small Grants closed at 12pm (midday) on Saturday 12 September 2026. You can still read your draft, but it can no longer be submitted.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Null(application.Reference);
        Assert.Null(application.SubmittedAt);
    }

    [Fact]
    public void Submitting_at_the_exact_closing_instant_is_too_late()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.ClosesAt));

        Assert.StartsWith("Safer Streets Small Grants closed at 12pm (midday) on Saturday 12 September 2026.", message);
    }

    [Fact]
    public void Submitting_before_the_round_opens_is_refused_and_names_the_opening_time()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.OpensAt.AddMinutes(-1)));

        Assert.Equal("Safer Streets Small Grants opens at 9:00am on Monday 1 June 2026; applications cannot be submitted before then.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
    }

    [Fact]
    public void Submitting_twice_is_refused()
    {
        var round = Build.Round();
        var application = Build.Submitted(round);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00043", Build.WhileOpen));

        Assert.Equal("An application that is submitted cannot become submitted.", message);
        Assert.Equal("CSF-2026-00042", application.Reference);
    }

    [Fact]
    public void Submitting_without_saying_how_much_is_asked_for_is_refused()
    {
        var round = Build.Round();
        var application = Build.Draft(round);
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Project costs", Build.Pounds(5_000m))]);
        application.SupportPriorities([], PriorityId.New());

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.WhileOpen));

        Assert.Equal("Your budget asks the fund for £5,000.00. Enter how much you are asking for before submitting.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
    }

    [Fact]
    public void Submitting_without_a_primary_plan_priority_is_refused()
    {
        var round = Build.Round();
        var application = Build.Draft(round);
        application.Request(Build.Pounds(5_000m), round);
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Project costs", Build.Pounds(5_000m))]);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.WhileOpen));

        Assert.Equal("Choose the plan priorities your project supports before submitting.", message);
    }

    [Fact]
    public void Submitting_to_a_different_round_is_refused()
    {
        var round = Build.Round();
        var otherRound = Build.Round(title: "Another round");
        var application = Build.ReadyToSubmit(round);

        var message = Refusal.Of(() => application.Submit(otherRound, Build.Record(), "CSF-2026-00042", Build.WhileOpen));

        Assert.Equal("This application belongs to a different round.", message);
    }

    [Fact]
    public void Submitting_without_a_reference_is_refused_and_leaves_a_draft()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), " ", Build.WhileOpen));

        Assert.Equal("Enter the application reference.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Null(application.SubmittedAt);
    }

    [Fact]
    public void Answering_after_submission_is_refused()
    {
        var round = Build.Round();
        var application = Build.Submitted(round);

        var message = Refusal.Of(() => application.Answer("project_title", "A better title", Build.WhileOpen, "applicant@example.org"));

        Assert.Equal("This application was submitted and can no longer be changed.", message);
        Assert.Empty(application.Answers);
    }

    [Fact]
    public void Changing_the_amount_or_priorities_after_submission_is_refused()
    {
        var round = Build.Round();
        var application = Build.Submitted(round);

        Assert.Equal("This application was submitted and can no longer be changed.", Refusal.Of(() => application.Request(Build.Pounds(2_000m), round)));
        Assert.Equal("This application was submitted and can no longer be changed.", Refusal.Of(() => application.SupportPriorities([], PriorityId.New())));
        Assert.Equal(Build.Pounds(10_000m), application.RequestedAmount);
    }

    [Fact]
    public void Answering_a_question_again_replaces_the_earlier_answer()
    {
        var round = Build.Round();
        var application = Build.Draft(round);
        var later = Build.WhileOpen.AddHours(1);

        application.Answer("project_title", "First go", Build.WhileOpen, "a@example.org");
        application.Answer("project_title", "Second go", later, "b@example.org");

        var answer = Assert.Single(application.Answers);
        Assert.Equal("Second go", answer.Value);
        Assert.Equal(later, answer.UpdatedAt);
        Assert.Equal("b@example.org", answer.UpdatedBy);
    }

    [Fact]
    public void An_overlong_answer_is_refused()
    {
        var application = Build.Draft(Build.Round());

        var message = Refusal.Of(() => application.Answer("description", new string('x', 20_001), Build.WhileOpen, "a@example.org"));

        Assert.Equal("An answer can be at most 20,000 characters long.", message);
    }

    [Fact]
    public void Asking_for_more_than_the_round_can_award_is_refused()
    {
        var round = Build.Round(minimumPounds: 1_000m, maximumPounds: 25_000m);
        var application = Build.Draft(round);

        var message = Refusal.Of(() => application.Request(Build.Pounds(30_000m), round));

        Assert.Equal("Ask for between £1,000.00 and £25,000.00; £30,000.00 is outside what Safer Streets Small Grants can award.", message);
        Assert.Null(application.RequestedAmount);
    }

    [Fact]
    public void The_primary_priority_is_supported_even_if_left_out_of_the_list_and_duplicates_are_dropped()
    {
        var application = Build.Draft(Build.Round());
        var primary = PriorityId.New();
        var other = PriorityId.New();

        application.SupportPriorities([other, other], primary);

        Assert.Equal([new SupportedPriority(primary, true), new SupportedPriority(other, false)], application.Priorities);
    }

    [Fact]
    public void Choosing_priorities_again_replaces_the_earlier_choice()
    {
        var application = Build.Draft(Build.Round());
        var first = PriorityId.New();
        var second = PriorityId.New();
        application.SupportPriorities([first], first);

        application.SupportPriorities([first, second], second);

        Assert.Equal([new SupportedPriority(first, false), new SupportedPriority(second, true)], application.Priorities);
    }

    [Fact]
    public void An_application_goes_from_submitted_through_assessment_to_approval()
    {
        var round = Build.Round();
        var application = Build.Submitted(round);

        application.StartAssessment();
        Assert.Equal(ApplicationStatus.InAssessment, application.Status);
        application.Recommend("Strong fit with the plan.");
        Assert.Equal(ApplicationStatus.Recommended, application.Status);
        Assert.Equal("Strong fit with the plan.", application.StatusReason);
        application.Approve();

        Assert.Equal(ApplicationStatus.Approved, application.Status);
        Assert.Null(application.StatusReason);
    }

    [Fact]
    public void Approving_a_draft_is_refused()
    {
        var application = Build.Draft(Build.Round());

        var message = Refusal.Of(application.Approve);

        Assert.Equal("An application that is a draft cannot become approved.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
    }

    public static TheoryData<string, Func<FundingRound, GrantApplication>, Action<GrantApplication>, string> IllegalTransitions => new()
    {
        { "approve a submitted application", Build.Submitted, a => a.Approve(), "An application that is submitted cannot become approved." },
        { "approve one in assessment", Build.InAssessment, a => a.Approve(), "An application that is in assessment cannot become approved." },
        { "assess a draft", r => Build.Draft(r), a => a.StartAssessment(), "An application that is a draft cannot become in assessment." },
        { "assess twice", Build.InAssessment, a => a.StartAssessment(), "An application that is in assessment cannot become in assessment." },
        { "recommend a submitted application", Build.Submitted, a => a.Recommend(null), "An application that is submitted cannot become recommended." },
        { "not recommend a draft", r => Build.Draft(r), a => a.NotRecommend("Weak"), "An application that is a draft cannot become not recommended." },
        { "decline a submitted application", Build.Submitted, a => a.Decline("No"), "An application that is submitted cannot become declined." },
        { "decline one in assessment", Build.InAssessment, a => a.Decline("No"), "An application that is in assessment cannot become declined." },
        { "find a draft ineligible", r => Build.Draft(r), a => a.MarkIneligible("Outside the area"), "An application that is a draft cannot become found ineligible." },
        { "find one in assessment ineligible", Build.InAssessment, a => a.MarkIneligible("Outside the area"), "An application that is in assessment cannot become found ineligible." },
        { "withdraw a declined application", r => Declined(r), a => a.Withdraw("Changed our minds"), "An application that is declined cannot become withdrawn." },
        { "withdraw an ineligible application", r => Ineligible(r), a => a.Withdraw("Changed our minds"), "An application that is found ineligible cannot become withdrawn." },
    };

    private static GrantApplication Declined(FundingRound round)
    {
        var application = Build.Recommended(round);
        application.Decline("Budget fully committed");
        return application;
    }

    private static GrantApplication Ineligible(FundingRound round)
    {
        var application = Build.Submitted(round);
        application.MarkIneligible("Outside the area");
        return application;
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Illegal_status_changes_are_refused_and_leave_the_status_alone(string attempt, Func<FundingRound, GrantApplication> from, Action<GrantApplication> act, string expected)
    {
        var application = from(Build.Round());
        var before = application.Status;

        var message = Refusal.Of(() => act(application));

        Assert.True(expected == message, $"Trying to {attempt}: expected \"{expected}\" but was \"{message}\".");
        Assert.Equal(before, application.Status);
    }

    [Fact]
    public void Nothing_can_happen_to_an_approved_application()
    {
        var application = Build.Recommended(Build.Round());
        application.Approve();

        Assert.Equal("An application that is approved cannot become withdrawn.", Refusal.Of(() => application.Withdraw("Too late")));
        Assert.Equal("An application that is approved cannot become declined.", Refusal.Of(() => application.Decline("Changed our minds")));
        Assert.Equal("An application that is approved cannot become approved.", Refusal.Of(application.Approve));
    }

    [Fact]
    public void A_declined_application_cannot_be_approved()
    {
        var application = Build.Recommended(Build.Round());
        application.Decline("Budget fully committed");

        Assert.Equal("An application that is declined cannot become approved.", Refusal.Of(application.Approve));
        Assert.Equal("Budget fully committed", application.StatusReason);
    }

    [Fact]
    public void A_not_recommended_application_can_be_declined_but_not_approved()
    {
        var application = Build.InAssessment(Build.Round());
        application.NotRecommend("Scored below the threshold");

        Assert.Equal("An application that is not recommended cannot become approved.", Refusal.Of(application.Approve));

        application.Decline("Scored below the threshold");
        Assert.Equal(ApplicationStatus.Declined, application.Status);
    }

    [Theory]
    [InlineData(ApplicationStatus.Draft)]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.InAssessment)]
    [InlineData(ApplicationStatus.Recommended)]
    public void An_application_can_be_withdrawn_until_an_offer_is_made(ApplicationStatus status)
    {
        var round = Build.Round();
        var application = status switch
        {
            ApplicationStatus.Draft => Build.Draft(round),
            ApplicationStatus.Submitted => Build.Submitted(round),
            ApplicationStatus.InAssessment => Build.InAssessment(round),
            _ => Build.Recommended(round),
        };
        Assert.True(application.CanBeWithdrawn);

        application.Withdraw("Project funded elsewhere");

        Assert.Equal(ApplicationStatus.Withdrawn, application.Status);
        Assert.Equal("Project funded elsewhere", application.StatusReason);
    }

    [Fact]
    public void A_withdrawn_draft_can_no_longer_be_changed_or_submitted()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round);
        application.Withdraw("Project funded elsewhere");

        Assert.Equal("This application was withdrawn and can no longer be changed.", Refusal.Of(() => application.Answer("q", "a", Build.WhileOpen, "a@example.org")));
        Assert.Equal("An application that is withdrawn cannot become submitted.", Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.WhileOpen)));
    }

    [Fact]
    public void Finding_a_submitted_application_ineligible_needs_a_reason()
    {
        var application = Build.Submitted(Build.Round());

        var message = Refusal.Of(() => application.MarkIneligible(" "));

        Assert.Equal("Enter the reason the application is ineligible.", message);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);

        application.MarkIneligible("The project is outside the force area.");
        Assert.Equal(ApplicationStatus.Ineligible, application.Status);
        Assert.Equal("The project is outside the force area.", application.StatusReason);
    }

    [Theory]
    [InlineData(ApplicationStatus.Draft, "a draft")]
    [InlineData(ApplicationStatus.InAssessment, "in assessment")]
    [InlineData(ApplicationStatus.Ineligible, "found ineligible")]
    [InlineData(ApplicationStatus.NotRecommended, "not recommended")]
    public void Statuses_read_naturally_in_messages(ApplicationStatus status, string expected)
    {
        Assert.Equal(expected, GrantApplication.Describe(status));
    }
}
