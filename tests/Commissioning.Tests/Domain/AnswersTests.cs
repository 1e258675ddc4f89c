using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class AnswersTests
{
    private static AnswerCheck Check(FormQuestion question, AnswerInput input, bool required = true) => Answers.Check(question, input, required);

    private static string Problem(FormQuestion question, AnswerInput input) => Assert.Single(Check(question, input).Problems).Message;

    [Fact]
    public void A_long_answer_over_its_word_limit_is_refused_with_the_count()
    {
        var question = new FormQuestion("summary", "Describe your project", QuestionType.LongText, MaxWords: 300);

        var message = Problem(question, new AnswerInput(Text: string.Join(' ', Enumerable.Repeat("word", 312))));

        Assert.Equal("Your answer must be 300 words or fewer; it has 312", message);
    }

    [Fact]
    public void A_long_answer_at_its_word_limit_is_kept_trimmed()
    {
        var question = new FormQuestion("summary", "Describe your project", QuestionType.LongText, MaxWords: 3);

        Assert.Equal("one two\nthree", Check(question, new AnswerInput(Text: "  one two\r\nthree ")).Value);
    }

    [Fact]
    public void A_missing_required_answer_names_the_question_but_may_be_left_when_saving_for_later()
    {
        var question = new FormQuestion("summary", "Describe your project", QuestionType.LongText);

        Assert.Equal("Enter an answer to \u2018Describe your project\u2019", Problem(question, new AnswerInput(Text: " ")));
        Assert.True(Check(question, new AnswerInput(Text: " "), required: false) is { IsValid: true, Value: null });
    }

    [Theory]
    [InlineData("-5", "The amount cannot be negative. Enter an amount of £0.00 or more")]
    [InlineData("10000.001", "Enter an amount with no more than two decimal places, like 1500.50")]
    [InlineData("ten pounds", "Enter an amount in pounds using numbers only, like 1500 or 1500.50")]
    [InlineData("10,000.01", "The amount must be £10,000.00 or less")]
    public void Money_answers_are_checked_to_the_penny(string typed, string expected)
    {
        var question = new FormQuestion("amount", "How much are you asking for?", QuestionType.Money, Minimum: 0, Maximum: 10_000_00);

        Assert.Equal(expected, Problem(question, new AnswerInput(Text: typed)));
    }

    [Fact]
    public void A_money_answer_is_stored_as_pounds_and_pence()
    {
        var question = new FormQuestion("amount", "How much are you asking for?", QuestionType.Money);

        Assert.Equal("1500.50", Check(question, new AnswerInput(Text: "£1,500.5")).Value);
    }

    [Theory]
    [InlineData("", "3", "2027", "day", "\u2018When will it start?\u2019 must include a day")]
    [InlineData("", "", "2027", "day", "\u2018When will it start?\u2019 must include a day and month")]
    [InlineData("30", "2", "2027", "day", "\u2018When will it start?\u2019 must be a real date")]
    [InlineData("1", "13", "2027", "month", "\u2018When will it start?\u2019 must be a real date")]
    [InlineData("1", "3", "27", "year", "Year must include 4 numbers")]
    public void Dates_get_the_GOV_UK_date_input_messages(string day, string month, string year, string part, string expected)
    {
        var question = new FormQuestion("start", "When will it start?", QuestionType.Date);

        var problem = Assert.Single(Check(question, new AnswerInput(Day: day, Month: month, Year: year)).Problems);

        Assert.Equal((part, expected), (problem.Part, problem.Message));
    }

    [Fact]
    public void A_real_date_is_stored_in_ISO_form_and_read_back_in_words()
    {
        var question = new FormQuestion("start", "When will it start?", QuestionType.Date);

        var value = Check(question, new AnswerInput(Day: "7", Month: "3", Year: "2027")).Value;

        Assert.Equal("2027-03-07", value);
        Assert.Equal("7 March 2027", Answers.Describe(question, value));
    }

    [Fact]
    public void An_address_needs_its_first_line_town_and_a_real_postcode()
    {
        var question = new FormQuestion("venue", "Where will it happen?", QuestionType.Address);

        var problems = Check(question, new AnswerInput(Line1: "", Town: "Abingdon", Postcode: "not a postcode")).Problems;

        Assert.Equal(["line1", "postcode"], problems.Select(p => p.Part));
        Assert.Equal("Enter a real UK postcode, like OX5 2NX; 'not a postcode' is not one", problems[1].Message);
    }

    [Fact]
    public void An_address_is_kept_with_its_postcode_normalised()
    {
        var question = new FormQuestion("venue", "Where will it happen?", QuestionType.Address);

        var value = Check(question, new AnswerInput(Line1: "14 Mill Lane", Town: "Abingdon", Postcode: "ox143hp")).Value;

        Assert.Equal("14 Mill Lane, Abingdon, OX14 3HP", Answers.Describe(question, value));
    }

    [Fact]
    public void A_choice_that_is_not_one_of_the_options_is_refused()
    {
        var single = new FormQuestion("size", "How big?", QuestionType.SingleChoice, Options: ["Small", "Large"]);
        var multiple = new FormQuestion("area", "Where?", QuestionType.MultipleChoice, Options: ["Berkshire", "Oxfordshire"]);

        Assert.Equal("Select one of the options given", Problem(single, new AnswerInput(Text: "Enormous")));
        Assert.Equal("Select only from the options given", Problem(multiple, new AnswerInput(Choices: ["Berkshire", "Kent"])));
        Assert.Equal("Select yes or no for \u2018Ok?\u2019", Problem(new FormQuestion("ok", "Ok?", QuestionType.YesNo), new AnswerInput(Text: "maybe")));
    }

    [Fact]
    public void Multiple_choices_are_kept_in_the_order_of_the_options()
    {
        var question = new FormQuestion("area", "Where?", QuestionType.MultipleChoice, Options: ["Berkshire", "Milton Keynes", "Oxfordshire"]);

        var value = Check(question, new AnswerInput(Choices: ["Oxfordshire", "Berkshire", "Oxfordshire"])).Value;

        Assert.Equal(["Berkshire", "Oxfordshire"], Answers.Choices(value));
        Assert.Equal("Berkshire, Oxfordshire", Answers.Describe(question, value));
        Assert.True(Answers.Meets(value, "Oxfordshire"));
        Assert.False(Answers.Meets(value, "Milton Keynes"));
    }

    [Theory]
    [InlineData("twelve", "Enter a whole number, like 25")]
    [InlineData("2.5", "Enter a whole number, like 25")]
    [InlineData("0", "The number must be 1 or more")]
    [InlineData("1,001", "The number must be 1,000 or fewer")]
    public void Whole_numbers_are_checked_against_their_range(string typed, string expected)
    {
        var question = new FormQuestion("people", "How many people will take part?", QuestionType.WholeNumber, Minimum: 1, Maximum: 1_000);

        Assert.Equal(expected, Problem(question, new AnswerInput(Text: typed)));
    }
}
