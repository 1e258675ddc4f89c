using System.Globalization;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Support;

/// <summary>
/// Completes a draft the way an applicant would before submitting, for tests that build applications without the
/// pages: every question it is asked that needs an answer gets a valid one (a showstopper yes), and the budget asks
/// the fund for the amount requested.
/// </summary>
public static class FilledIn
{
    public static void Complete(GrantApplication application, FundingRound round, DateTimeOffset at, string by)
    {
        // Answering one question can reveal another, so go round until nothing asked is left unanswered.
        for (var pass = 0; pass < 10; pass++)
        {
            var unanswered = round.Form.Questions
                .Where(q => FormProgress.MustBeAnswered(q) && FormProgress.IsShown(round.Form, q, application.AnswerTo) && string.IsNullOrEmpty(application.AnswerTo(q.Key)))
                .ToList();
            if (unanswered.Count == 0)
            {
                break;
            }

            foreach (var question in unanswered)
            {
                application.Answer(question.Key, AnswerFor(question, application.RequestedAmount), at, by);
            }
        }

        if (application.RequestedAmount is { } requested)
        {
            application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Project costs", requested)]);
        }
    }

    private static string AnswerFor(FormQuestion question, Money? requested) => question.Type switch
    {
        QuestionType.YesNo => Answers.Yes,
        QuestionType.SingleChoice => question.Options![0],
        QuestionType.MultipleChoice => $"[\"{question.Options![0]}\"]",
        QuestionType.WholeNumber => (question.Minimum ?? 1).ToString(CultureInfo.InvariantCulture),
        QuestionType.Money => (requested ?? Money.FromPence(question.Minimum ?? 100)).ToPlainString(),
        QuestionType.Date => "2027-01-05",
        QuestionType.Address => "{\"line1\":\"14 Mill Lane\",\"line2\":null,\"town\":\"Abingdon\",\"postcode\":\"OX14 3HP\"}",
        QuestionType.FileUpload => Answers.ForFile(new FileAnswer("test-file", "policy.pdf", "application/pdf", 1_000)),
        _ => "A test answer",
    };
}
