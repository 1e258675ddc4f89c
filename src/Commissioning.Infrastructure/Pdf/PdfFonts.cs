using PdfSharp.Fonts;

namespace Commissioning.Infrastructure.Pdf;

/// <summary>
/// PDFsharp set up once per process: a font resolver over TrueType fonts installed on the
/// machine (DejaVu Sans, else Liberation Sans), because PDFsharp's core build has no fonts of its own on Linux.
/// </summary>
public static class PdfFonts
{
    /// <summary>The family name the PDF writers ask for; the resolver maps it to the installed font.</summary>
    public const string Family = "Commissioning Sans";

    private static readonly Lock Gate = new();

    private static readonly (string Package, string Regular, string Bold)[] Candidates =
    [
        ("fonts-dejavu-core", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("fonts-liberation", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("fonts-liberation2", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    ];

    private static SystemFontResolver? _resolver;

    /// <summary>The font files in use, e.g. for the start-up log.</summary>
    public static string? Describe => _resolver?.Describe;

    /// <summary>
    /// Called at start-up: sets the font resolver, or stops start-up with a message naming the Debian
    /// package to install. Safe to call again (tests start the app many times in one process).
    /// </summary>
    public static void EnsureConfigured()
    {
        lock (Gate)
        {
            if (_resolver is not null)
            {
                return;
            }

            var found = Candidates.FirstOrDefault(c => File.Exists(c.Regular));
            if (found.Regular is null)
            {
                throw new InvalidOperationException(
                    "No TrueType font was found for the PDF copies of applications. Install the Debian package fonts-dejavu-core " +
                    "(apt-get install fonts-dejavu-core), or fonts-liberation; the service looks for " +
                    string.Join(" or ", Candidates.Select(c => c.Regular)) + ".");
            }

            var resolver = new SystemFontResolver(found.Regular, File.Exists(found.Bold) ? found.Bold : found.Regular);
            GlobalFontSettings.FontResolver = resolver;
            _resolver = resolver;
        }
    }

    private sealed class SystemFontResolver(string regular, string bold) : IFontResolver
    {
        private const string RegularFace = "commissioning-regular";

        private const string BoldFace = "commissioning-bold";

        private readonly Lazy<byte[]> _regular = new(() => File.ReadAllBytes(regular));

        private readonly Lazy<byte[]> _bold = new(() => File.ReadAllBytes(bold));

        public string Describe => regular == bold ? regular : $"{regular} and {bold}";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            bold ? new FontResolverInfo(BoldFace, false, italic) : new FontResolverInfo(RegularFace, false, italic);

        public byte[]? GetFont(string faceName) => faceName == BoldFace ? _bold.Value : _regular.Value;
    }
}
