namespace Commissioning.Web.Pages.Organisations;

/// <summary>A success message for the next page, carried in TempData (so that nobody can put words in it through a URL) and shown by _Notice.</summary>
public static class Notice
{
    public const string Key = "Organisations.Notice";
}
