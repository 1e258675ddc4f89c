using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Workflows;

/// <summary>How workflow names, outcomes and times read on the task and admin pages.</summary>
public static partial class WorkflowWords
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"ConflictDeclared" reads "Conflict declared"; acronyms keep their capitals ("PCCApproved" reads "PCC approved").</summary>
    public static string Humanise(string? pascal)
    {
        if (string.IsNullOrWhiteSpace(pascal))
        {
            return string.Empty;
        }

        var words = WordBoundary().Split(pascal.Trim()).Where(w => w.Length > 0).ToList();
        return string.Join(' ', words.Select((word, index) =>
            index == 0 ? char.ToUpperInvariant(word[0]) + word[1..]
            : word.Length > 1 && word.All(char.IsUpper) ? word
            : word.ToLowerInvariant()));
    }

    public static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>A short UK date and time for tables: "3 Mar 2026, 2:30pm".</summary>
    public static string When(DateTimeOffset instant)
    {
        var local = UkTime.ToUkLocal(instant);
        return $"{local.ToString("d MMM yyyy", UkCulture)}, {local.ToString("h:mmtt", UkCulture).ToLowerInvariant()}";
    }

    /// <summary>The machine-readable form for a time element's datetime attribute.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string TypeName(string activityType) => activityType.StartsWith("Grants.", StringComparison.Ordinal) ? activityType["Grants.".Length..] : activityType;

    public static string ActivityName(WorkflowDefinition? definition, string? activityId) =>
        activityId is null ? "(none)" : definition?.Root.Activities.FirstOrDefault(a => a.Id == activityId)?.Name ?? activityId;

    public static string Duration(string? isoDuration)
    {
        if (isoDuration is null)
        {
            return string.Empty;
        }

        if (WorkflowDefinitionLoader.CalendarMonths(isoDuration) is > 0 and var months)
        {
            return months % 12 == 0 ? Plural(months / 12, "year") : Plural(months, "month");
        }

        var span = WorkflowDefinitionLoader.ParseDuration(isoDuration)!.Value;
        return span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? Plural((int)span.TotalDays, "day")
            : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? Plural((int)span.TotalHours, "hour")
            : Plural((int)Math.Ceiling(span.TotalMinutes), "minute");
    }

    public static string Number(long value) => value.ToString("N0", UkCulture);

    public static string Plural(long count, string noun) => $"{count.ToString("N0", UkCulture)} {noun}{(count == 1 ? string.Empty : "s")}";

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|[\\s_-]+")]
    private static partial Regex WordBoundary();
}

/// <summary>The signed-in person as the workflow engine sees them.</summary>
public static class WorkflowPeople
{
    public static WorkflowActor ActorFor(ClaimsPrincipal user)
    {
        var roleType = (user.Identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role;
        return new WorkflowActor(
            user.Identity?.Name ?? "unknown",
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            [.. user.FindAll(roleType).Select(c => c.Value).Distinct(StringComparer.Ordinal)]);
    }
}

/// <summary>What a workflow instance is about: its workflow, and the application when the correlation id is one.</summary>
public sealed record WorkflowSubject(string WorkflowName, string CorrelationId, string? ApplicationTitle, string? ApplicationReference)
{
    public string Summary => ApplicationTitle is null ? CorrelationId : ApplicationReference is null ? ApplicationTitle : $"{ApplicationTitle} ({ApplicationReference})";

    public static async Task<IReadOnlyDictionary<string, (string Title, string? Reference)>> ApplicationsAsync(CommissioningDbContext db, IEnumerable<string> correlationIds, CancellationToken cancellationToken)
    {
        var ids = correlationIds.Select(c => Guid.TryParse(c, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().Select(GrantApplicationId.From).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, (string, string?)>();
        }

        var found = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.ProjectTitle, a.Reference }).ToListAsync(cancellationToken);
        var byGuid = found.ToDictionary(a => a.Id.Value, a => (a.ProjectTitle, a.Reference));
        return correlationIds.Distinct(StringComparer.Ordinal)
            .Where(c => Guid.TryParse(c, out var id) && byGuid.ContainsKey(id))
            .ToDictionary(c => c, c => byGuid[Guid.Parse(c)], StringComparer.Ordinal);
    }

    public static WorkflowSubject For(WorkflowRegistry registry, string definitionId, int version, string correlationId, IReadOnlyDictionary<string, (string Title, string? Reference)> applications)
    {
        var name = registry.Find(definitionId, version)?.Name ?? definitionId;
        return applications.TryGetValue(correlationId, out var application)
            ? new WorkflowSubject(name, correlationId, application.Title, application.Reference)
            : new WorkflowSubject(name, correlationId, null, null);
    }
}
