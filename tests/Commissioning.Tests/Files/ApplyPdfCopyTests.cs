using System.Text;
using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Pdf;

namespace Commissioning.Tests.Files;

/// <summary>The PDF copy of a submitted application: long answers wrap and run onto new pages, each page numbered.</summary>
public partial class ApplyPdfCopyTests
{
    [Fact]
    public void Long_answers_wrap_across_pages_and_every_page_has_the_reference_in_its_footer()
    {
        var longAnswer = string.Join(' ', Enumerable.Range(1, 1_500).Select(i => $"word{i}")) + "\nA second paragraph with a verylongunbrokenwordthatiswiderthanthewholelineofthepageandmustbesplitsomewheresensibleinsteadofrunningoffthepage.";
        var copy = new SubmittedApplicationCopy(
            "Commissioning",
            "Thames Valley Office of the Police and Crime Commissioner",
            "PPAF-2026-00042",
            "Police Property Act Fund 2026/27: round 2",
            "Police Property Act Fund",
            "Riverside Youth Project",
            "Evening youth club",
            "12pm (midday) on Saturday 12 September 2026",
            "applicant@demo.commissioning.test",
            [new SubmittedApplicationCopy.Section("About your project", [("Describe your project", longAnswer), ("Where?", "Abingdon – £ signs, ‘quotes’ and Cymraeg: Gŵyl Ŷd survive")])],
            [new SubmittedApplicationCopy.BudgetRow("Cost", "Sessional youth workers", "£4,000.00")],
            [("Asked of the fund", "£4,000.00")],
            ["Strong local policing (main priority)"]);

        var pdf = SubmittedApplicationPdf.Write(copy);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var pages = PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;
        Assert.True(pages >= 3, $"1,500 words should run to at least 3 pages; the PDF has {pages}.");
        if (Environment.GetEnvironmentVariable("COMMISSIONING_KEEP_PDF") is { Length: > 0 } keep)
        {
            File.WriteAllBytes(keep.Replace(".pdf", "-long.pdf", StringComparison.Ordinal), pdf);
        }
    }

    [Fact]
    public void An_answer_of_one_20000_character_word_is_split_across_lines_in_under_two_seconds()
    {
        var word = string.Concat(Enumerable.Repeat("abcdefghijŵ", 20_000 / 11 + 1))[..20_000];
        var copy = Copy(word);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pdf = SubmittedApplicationPdf.Write(copy);
        clock.Stop();

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Writing the PDF took {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.True(PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count >= 3, "20,000 characters should run to several pages.");
        if (Environment.GetEnvironmentVariable("COMMISSIONING_KEEP_PDF") is { Length: > 0 } keep)
        {
            File.WriteAllBytes(keep.Replace(".pdf", "-one-word.pdf", StringComparison.Ordinal), pdf);
        }
    }

    [Fact]
    public void Writing_stops_when_the_request_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => SubmittedApplicationPdf.Write(Copy("An ordinary answer."), cancelled.Token));
    }

    private static SubmittedApplicationCopy Copy(string answer) => new(
        "Commissioning",
        "Thames Valley Office of the Police and Crime Commissioner",
        "PPAF-2026-00043",
        "Police Property Act Fund 2026/27: round 2",
        "Police Property Act Fund",
        "Riverside Youth Project",
        "Evening youth club",
        "12pm (midday) on Saturday 12 September 2026",
        "applicant@demo.commissioning.test",
        [new SubmittedApplicationCopy.Section("About your project", [("Describe your project", answer)])],
        [new SubmittedApplicationCopy.BudgetRow("Cost", "Sessional youth workers", "£4,000.00")],
        [("Asked of the fund", "£4,000.00")],
        ["Strong local policing (main priority)"]);

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PageObject();
}
