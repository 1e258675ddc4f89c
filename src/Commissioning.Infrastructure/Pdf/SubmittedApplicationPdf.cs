using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Commissioning.Infrastructure.Pdf;

/// <summary>What the PDF copy of a submitted application shows, already in the words a person reads.</summary>
public sealed record SubmittedApplicationCopy(
    string ServiceName,
    string OfficeName,
    string Reference,
    string RoundTitle,
    string FundName,
    string OrganisationName,
    string ProjectTitle,
    string SubmittedAt,
    string SubmittedBy,
    IReadOnlyList<SubmittedApplicationCopy.Section> Sections,
    IReadOnlyList<SubmittedApplicationCopy.BudgetRow> Budget,
    IReadOnlyList<(string Label, string Amount)> BudgetTotals,
    IReadOnlyList<string> Priorities)
{
    public sealed record Section(string Title, IReadOnlyList<(string Question, string Answer)> Answers);

    public sealed record BudgetRow(string Kind, string Description, string Amount);
}

/// <summary>
/// Writes the applicant's PDF copy of what they submitted: A4, text wrapped to the page width, new pages as needed,
/// and a footer with the reference and page number on every page.
/// </summary>
public static class SubmittedApplicationPdf
{
    private const double Margin = 56;

    private const double FooterHeight = 28;

    /// <param name="cancellationToken">The request's: when the person leaves, or the caller's time limit passes, writing stops.</param>
    public static byte[] Write(SubmittedApplicationCopy copy, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PdfFonts.EnsureConfigured();
        using var document = new PdfDocument();
        document.Info.Title = $"{copy.Reference}: {copy.ProjectTitle}";
        document.Info.Author = copy.OrganisationName;
        document.Info.Subject = $"Application to {copy.RoundTitle}";
        document.Info.Creator = copy.ServiceName;

        var writer = new Writer(document, cancellationToken);
        writer.Text(copy.OfficeName, writer.Small, XBrushes.DimGray);
        writer.Text(copy.ServiceName, writer.Small, XBrushes.DimGray);
        writer.Space(10);
        writer.Text("Copy of your application", writer.Title);
        writer.Space(4);
        writer.Pair("Reference", copy.Reference);
        writer.Pair("Project", copy.ProjectTitle);
        writer.Pair("Organisation", copy.OrganisationName);
        writer.Pair("Fund", copy.FundName);
        writer.Pair("Funding round", copy.RoundTitle);
        writer.Pair("Submitted", $"{copy.SubmittedAt} (UK time) by {copy.SubmittedBy}");

        foreach (var section in copy.Sections)
        {
            writer.Heading(section.Title);
            foreach (var (question, answer) in section.Answers)
            {
                writer.Answer(question, answer);
            }
        }

        writer.Heading("Budget");
        writer.BudgetTable(copy.Budget, copy.BudgetTotals);

        writer.Heading("Police and Crime Plan priorities");
        foreach (var priority in copy.Priorities)
        {
            writer.Text(priority, writer.Body);
        }

        writer.Finish(copy.Reference);
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private sealed class Writer
    {
        /// <summary>Unicode text, so that names in Welsh (ŵ, ŷ) or any other language print as typed.</summary>
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        private readonly PdfDocument _document;

        private readonly CancellationToken _cancellationToken;

        /// <summary>The width of each character in each font, measured once: a word wider than a line is split in one pass.</summary>
        private readonly Dictionary<(XFont Font, int Rune), double> _runeWidths = [];

        private XGraphics _graphics = null!;

        private double _y;

        public Writer(PdfDocument document, CancellationToken cancellationToken)
        {
            _document = document;
            _cancellationToken = cancellationToken;
            NewPage();
        }

        public XFont Title { get; } = new(PdfFonts.Family, 20, XFontStyleEx.Bold, Unicode);

        public XFont SectionFont { get; } = new(PdfFonts.Family, 14, XFontStyleEx.Bold, Unicode);

        public XFont Strong { get; } = new(PdfFonts.Family, 10.5, XFontStyleEx.Bold, Unicode);

        public XFont Body { get; } = new(PdfFonts.Family, 10.5, XFontStyleEx.Regular, Unicode);

        public XFont Small { get; } = new(PdfFonts.Family, 8.5, XFontStyleEx.Regular, Unicode);

        private double Width => _graphics.PageSize.Width - (2 * Margin);

        private double Bottom => _graphics.PageSize.Height - Margin - FooterHeight;

        public void Space(double points) => _y += points;

        public void Heading(string text)
        {
            Space(14);
            EnsureRoom(SectionFont.GetHeight() + (3 * Body.GetHeight()));
            Text(text, SectionFont);
            _graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
            Space(6);
        }

        public void Pair(string label, string value)
        {
            var labelWidth = 110;
            var lines = Wrap(value, Body, Width - labelWidth);
            EnsureRoom(Body.GetHeight());
            _graphics.DrawString(label, Strong, XBrushes.Black, new XRect(Margin, _y, labelWidth, Body.GetHeight()), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                EnsureRoom(Body.GetHeight());
                _graphics.DrawString(line, Body, XBrushes.Black, new XRect(Margin + labelWidth, _y, Width - labelWidth, Body.GetHeight()), XStringFormats.TopLeft);
                _y += Body.GetHeight() * 1.25;
            }
        }

        public void Answer(string question, string answer)
        {
            EnsureRoom((Strong.GetHeight() + Body.GetHeight()) * 1.3);
            Text(question, Strong);
            Space(1);
            Text(answer, Body);
            Space(8);
        }

        public void Text(string text, XFont font, XBrush? brush = null)
        {
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                foreach (var line in Wrap(paragraph, font, Width))
                {
                    EnsureRoom(font.GetHeight());
                    _graphics.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin, _y, Width, font.GetHeight()), XStringFormats.TopLeft);
                    _y += font.GetHeight() * 1.25;
                }
            }
        }

        public void BudgetTable(IReadOnlyList<SubmittedApplicationCopy.BudgetRow> rows, IReadOnlyList<(string Label, string Amount)> totals)
        {
            const double kindWidth = 110;
            const double amountWidth = 90;
            var descriptionWidth = Width - kindWidth - amountWidth - 12;
            Row("Type", "Description", "Amount", Strong);
            _graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
            Space(3);
            foreach (var row in rows)
            {
                Row(row.Kind, row.Description, row.Amount, Body);
            }

            _graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
            Space(3);
            foreach (var (label, amount) in totals)
            {
                Row(string.Empty, label, amount, Strong);
            }

            void Row(string kind, string description, string amount, XFont font)
            {
                var lines = Wrap(description, font, descriptionWidth);
                EnsureRoom(font.GetHeight() * Math.Min(lines.Count, 3));
                var height = font.GetHeight();
                _graphics.DrawString(kind, font, XBrushes.Black, new XRect(Margin, _y, kindWidth, height), XStringFormats.TopLeft);
                _graphics.DrawString(amount, font, XBrushes.Black, new XRect(Margin + Width - amountWidth, _y, amountWidth, height), XStringFormats.TopRight);
                foreach (var line in lines)
                {
                    EnsureRoom(height);
                    _graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin + kindWidth, _y, descriptionWidth, height), XStringFormats.TopLeft);
                    _y += height * 1.25;
                }
            }
        }

        public void Finish(string reference)
        {
            _graphics.Dispose();
            var count = _document.PageCount;
            for (var index = 0; index < count; index++)
            {
                var page = _document.Pages[index];
                using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var y = page.Height.Point - Margin;
                graphics.DrawString($"{reference} \u2013 page {index + 1} of {count}", Small, XBrushes.DimGray, new XRect(Margin, y, page.Width.Point - (2 * Margin), Small.GetHeight()), XStringFormats.TopRight);
            }
        }

        private void EnsureRoom(double height)
        {
            if (_y + height > Bottom)
            {
                _graphics.Dispose();
                NewPage();
            }
        }

        private void NewPage()
        {
            var page = _document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(page);
            _y = Margin;
        }

        /// <summary>
        /// Breaks text into lines that fit the width, at spaces where it can and inside a word only when one word is
        /// wider than a line. Time grows in step with the text's length (a line is measured as it grows, and a word
        /// too wide for a line is cut character by character from widths measured once), so no answer can keep a
        /// request busy.
        /// </summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (candidate.Length <= MaxCharactersMeasured && _graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word.Length <= MaxCharactersMeasured && _graphics.MeasureString(word, font).Width <= width ? word : SplitWideWord(word, font, width, lines);
            }

            lines.Add(line);
            return lines;
        }

        /// <summary>No line of the page holds more characters than this, so longer text is never measured whole.</summary>
        private const int MaxCharactersMeasured = 400;

        /// <summary>Adds the full-width pieces of a word wider than a line to the lines; returns the piece left over.</summary>
        private string SplitWideWord(string word, XFont font, double width, List<string> lines)
        {
            var start = 0;
            var used = 0.0;
            var index = 0;
            foreach (var rune in word.EnumerateRunes())
            {
                var runeWidth = RuneWidth(rune, font);
                if (used + runeWidth > width && index > start)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    lines.Add(word[start..index]);
                    start = index;
                    used = 0;
                }

                used += runeWidth;
                index += rune.Utf16SequenceLength;
            }

            return word[start..];
        }

        private double RuneWidth(System.Text.Rune rune, XFont font)
        {
            if (!_runeWidths.TryGetValue((font, rune.Value), out var measured))
            {
                measured = _graphics.MeasureString(rune.ToString(), font).Width;
                _runeWidths[(font, rune.Value)] = measured;
            }

            return measured;
        }
    }
}
