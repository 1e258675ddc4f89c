namespace Commissioning.Web.Pages.Staff;

/// <summary>Previous and next links for a long list shown a page at a time (GOV.UK pagination).</summary>
public sealed record PageLinks(int Current, int Count, Func<int, string> Href);
