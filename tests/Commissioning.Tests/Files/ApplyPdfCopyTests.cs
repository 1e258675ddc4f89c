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

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PageObject();
}
