using System.Net;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// Police and Crime Plans set up through the pages by a grants officer: a plan with priorities, outcomes under a
/// priority and at plan level, measures; publishing; a priority added and reworded after publishing; a linked
/// priority kept; a new plan superseding the old from its start date.
/// </summary>
public abstract class PlanPagesTests(CommissioningApp app)
{
    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_sets_up_a_plan_publishes_it_and_then_adds_to_and_rewords_its_priorities()
    {
        var officer = await SignInAsync(Officer);
        var title = $"Police and Crime Plan 2031-2035 {Guid.NewGuid():N}"[..44];

        var planId = await CreatePlanAsync(officer, title, "priority", ("1", "4", "2031"), ("31", "3", "2035"));
        var victims = await AddPriorityAsync(officer, planId, "Supporting victims", "Help to cope and recover");
        var roads = await AddPriorityAsync(officer, planId, "Improve road safety", null);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Plans/{planId}/Outcome?priorityId={victims}", new() { ["Input.Description"] = "Victims cope and recover" })).StatusCode);
        var outcomeId = await InDbAsync(db => db.Plans.AsNoTracking().Where(p => p.Id == PlanId.From(planId)).SelectMany(p => p.Priorities).SelectMany(p => p.Outcomes).Select(o => o.Id.Value).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Plans/{planId}/Outcome/{outcomeId}/Measure", new() { ["Input.Name"] = "Victims supported", ["Input.Unit"] = "people", ["Input.Direction"] = "HigherIsBetter" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Plans/{planId}/Outcome", new() { ["Input.Description"] = "Communities are safe and crime is reduced", ["Input.MapsTo[0]"] = victims.ToString(), ["Input.MapsTo[1]"] = roads.ToString() })).StatusCode);

        var published = await officer.PostFormAsync($"/Admin/Plans/{planId}?handler=Publish", new() { ["Input.PublishedOnDay"] = "2", ["Input.PublishedOnMonth"] = "3", ["Input.PublishedOnYear"] = "2031" }, tokenFrom: $"/Admin/Plans/{planId}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = HttpForms.Text(await officer.GetStringAsync($"/Admin/Plans/{planId}"));
        Assert.Contains($"{title} has been published. It is in force from 1 April 2031", page, StringComparison.Ordinal);
        Assert.Contains("Victims cope and recover", page, StringComparison.Ordinal);
        Assert.Contains("Victims supported (people; higher is better)", page, StringComparison.Ordinal);
        Assert.Contains("Served by: Supporting victims; Improve road safety", page, StringComparison.Ordinal);
        Assert.Contains($"{title} 2 priorities 1 Apr 2031 to 31 Mar 2035 Published", HttpForms.Text(await officer.GetStringAsync("/Admin/Plans")), StringComparison.Ordinal);

        var added = await AddPriorityAsync(officer, planId, "Tackling rural crime", null);
        var reworded = await officer.PostFormAsync($"/Admin/Plans/{planId}/Priority/{victims}", new() { ["Input.Title"] = "Supporting victims and witnesses", ["Input.Summary"] = "Help to cope and recover" });
        Assert.Equal(HttpStatusCode.Redirect, reworded.StatusCode);
        var removed = await officer.PostFormAsync($"/Admin/Plans/{planId}?handler=RemovePriority&priorityId={added}", [], tokenFrom: $"/Admin/Plans/{planId}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var corrected = PlanFields(title, "priority", ("1", "4", "2031"), ("30", "4", "2035"));
        (corrected["Input.PublishedOnDay"], corrected["Input.PublishedOnMonth"], corrected["Input.PublishedOnYear"]) = ("3", "3", "2031");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Plans/Edit/{planId}", corrected)).StatusCode);

        var plan = await InDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Id == PlanId.From(planId)));
        Assert.Equal((new DateOnly(2031, 3, 3), new DateOnly(2035, 4, 30), "priority"), (plan.PublishedOn, plan.PeriodEnd, plan.PriorityTerm));
        Assert.Equal(["Supporting victims and witnesses", "Improve road safety"], plan.Priorities.OrderBy(p => p.Order).Select(p => p.Title));
        var change = Assert.Single(plan.Priorities.Single(p => p.Id == PriorityId.From(victims)).WordingChanges);
        Assert.Equal(("Supporting victims", Officer), (change.PreviousTitle, change.By));
        var measure = plan.Priorities.SelectMany(p => p.Outcomes).Single().Measures.Single();
        Assert.Equal(("Victims supported", "people", MeasureDirection.HigherIsBetter), (measure.Name, measure.Unit, measure.Direction));
        Assert.Equal(new HashSet<PriorityId> { PriorityId.From(victims), PriorityId.From(roads) }, plan.Outcomes.Single().MapsTo.ToHashSet());
        var wordingPage = HttpForms.Text(await officer.GetStringAsync($"/Admin/Plans/{planId}/Priority/{victims}"));
        Assert.Contains($"Supporting victims: Help to cope and recover {Officer}", wordingPage, StringComparison.Ordinal);
        Assert.True(await InDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PlanPriority) && a.Actor == Officer)));
    }

    [Fact]
    public async Task Bad_answers_are_shown_beside_their_fields_saying_what_to_fix_and_nothing_is_saved()
    {
        var officer = await SignInAsync(Officer);
        var before = await InDbAsync(db => db.Plans.CountAsync());

        var bad = await officer.PostFormAsync("/Admin/Plans/Edit", PlanFields(" ", "objective", ("1", "4", "2031"), ("31", "3", "2030")));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = HttpForms.Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("Enter the plan title.", page, StringComparison.Ordinal);
        Assert.Contains("Select what the plan calls the priorities grants are linked to", page, StringComparison.Ordinal);
        Assert.Contains("The period must end after it starts: enter an end date after 1 April 2031", page, StringComparison.Ordinal);
        Assert.Contains("The date the plan's period starts must be a real date", HttpForms.Text(await (await officer.PostFormAsync("/Admin/Plans/Edit", PlanFields("A plan", "theme", ("31", "2", "2031"), ("31", "3", "2035")))).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await InDbAsync(db => db.Plans.CountAsync()));

        var planId = await CreatePlanAsync(officer, $"Plan {Guid.NewGuid():N}"[..20], "theme", ("1", "4", "2032"), ("31", "3", "2036"));
        var nothingToPublish = await officer.PostFormAsync($"/Admin/Plans/{planId}?handler=Publish", new() { ["Input.PublishedOnDay"] = "1", ["Input.PublishedOnMonth"] = "4", ["Input.PublishedOnYear"] = "2032" }, tokenFrom: $"/Admin/Plans/{planId}");
        Assert.Contains("has no themes yet; add at least one before publishing it.", HttpForms.Text(await nothingToPublish.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var theme = await AddPriorityAsync(officer, planId, "Victims", null);
        var duplicate = await officer.PostFormAsync($"/Admin/Plans/{planId}/Priority", new() { ["Input.Title"] = "victims" });
        Assert.Contains("already has a theme called 'victims'.", HttpForms.Text(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var unmapped = await officer.PostFormAsync($"/Admin/Plans/{planId}/Outcome", new() { ["Input.Description"] = "Communities are safe" });
        Assert.Contains("Choose at least one theme this outcome maps to.", HttpForms.Text(await unmapped.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await officer.PostFormAsync($"/Admin/Plans/{planId}/Outcome?priorityId={theme}", new() { ["Input.Description"] = "Victims cope and recover" });
        var outcomeId = await InDbAsync(db => db.Plans.AsNoTracking().Where(p => p.Id == PlanId.From(planId)).SelectMany(p => p.Priorities).SelectMany(p => p.Outcomes).Select(o => o.Id.Value).SingleAsync());
        var noDirection = await officer.PostFormAsync($"/Admin/Plans/{planId}/Outcome/{outcomeId}/Measure", new() { ["Input.Name"] = "Victims supported", ["Input.Unit"] = "" });
        var noDirectionPage = HttpForms.Text(await noDirection.Content.ReadAsStringAsync());
        Assert.Contains("Enter the unit.", noDirectionPage, StringComparison.Ordinal);
        Assert.Contains("Select whether a higher or a lower figure is better", noDirectionPage, StringComparison.Ordinal);
        Assert.DoesNotContain("{", noDirectionPage[noDirectionPage.IndexOf("There is a problem", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal(0, await InDbAsync(db => db.Set<OutcomeMeasure>().CountAsync(m => m.OutcomeId == OutcomeId.From(outcomeId))));
    }

    [Fact]
    public async Task Removing_a_priority_that_applications_grants_or_rounds_are_linked_to_is_refused_saying_what_to_do_instead()
    {
        var officer = await SignInAsync(Officer);
        var (planId, priorityId, priorityTitle) = await InDbAsync(async db =>
        {
            var linked = await db.Set<AwardPriority>().Select(p => p.PriorityId).FirstAsync();
            var priority = await db.PlanPriorities.AsNoTracking().SingleAsync(p => p.Id == linked);
            return (priority.PlanId.Value, priority.Id.Value, priority.Title);
        });

        var refused = await officer.PostFormAsync($"/Admin/Plans/{planId}?handler=RemovePriority&priorityId={priorityId}", [], tokenFrom: $"/Admin/Plans/{planId}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = HttpForms.Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains($"'{priorityTitle}' cannot be removed:", page, StringComparison.Ordinal);
        Assert.Contains("grant", page, StringComparison.Ordinal);
        Assert.Contains("are linked to it, and grants keep the priorities they were linked to. You can change its wording instead.", page, StringComparison.Ordinal);
        Assert.True(await InDbAsync(db => db.PlanPriorities.AnyAsync(p => p.Id == PriorityId.From(priorityId))));
    }

    [Fact]
    public async Task A_new_plan_supersedes_the_old_from_its_start_date_and_grants_keep_the_priorities_they_were_linked_to()
    {
        var officer = await SignInAsync(Officer);
        var oldPlan = await InDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Title == "Thames Valley Police and Criminal Justice Plan 2021-2025"));
        var linkedBefore = await InDbAsync(db => db.Set<AwardPriority>().AsNoTracking().Select(p => new { p.AwardId, p.PriorityId }).ToListAsync());
        Assert.Contains("Thames Valley Police and Criminal Justice Plan 2021-2025 5 priorities 13 May 2021 to 31 Mar 2025 In force", HttpForms.Text(await officer.GetStringAsync("/Admin/Plans")), StringComparison.Ordinal);

        var planId = await CreatePlanAsync(officer, "Thames Valley Police and Crime Plan 2025-2029", "priority", ("1", "4", "2025"), ("31", "3", "2029"));
        await AddPriorityAsync(officer, planId, "Tackling violence against women and girls", null);
        await officer.PostFormAsync($"/Admin/Plans/{planId}?handler=Publish", new() { ["Input.PublishedOnDay"] = "20", ["Input.PublishedOnMonth"] = "3", ["Input.PublishedOnYear"] = "2025" }, tokenFrom: $"/Admin/Plans/{planId}");

        var list = HttpForms.Text(await officer.GetStringAsync("/Admin/Plans"));
        Assert.Contains("Thames Valley Police and Crime Plan 2025-2029 1 priority 1 Apr 2025 to 31 Mar 2029 In force", list, StringComparison.Ordinal);
        Assert.Contains("Thames Valley Police and Criminal Justice Plan 2021-2025 5 priorities 13 May 2021 to 31 Mar 2025 Superseded by Thames Valley Police and Crime Plan 2025-2029 from 1 April 2025", list, StringComparison.Ordinal);
        Assert.Contains("Superseded By Thames Valley Police and Crime Plan 2025-2029 from 1 April 2025. Grants keep the priorities they were linked to.", HttpForms.Text(await officer.GetStringAsync($"/Admin/Plans/{oldPlan.Id}")), StringComparison.Ordinal);
        var linkedAfter = await InDbAsync(db => db.Set<AwardPriority>().AsNoTracking().Select(p => new { p.AwardId, p.PriorityId }).ToListAsync());
        Assert.NotEmpty(linkedBefore);
        Assert.Equal(linkedBefore.OrderBy(l => l.AwardId.Value), linkedAfter.OrderBy(l => l.AwardId.Value));
    }

    [Theory]
    [InlineData("assessor@demo.commissioning.test")]
    [InlineData("pcc@demo.commissioning.test")]
    [InlineData("finance@demo.commissioning.test")]
    [InlineData("applicant@demo.commissioning.test")]
    public async Task Only_grants_officers_and_administrators_may_open_or_post_to_the_plan_pages(string email)
    {
        var plan = await InDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Title == "Thames Valley Police and Criminal Justice Plan 2021-2025"));
        var priority = plan.Priorities.First();
        var outcome = plan.AllOutcomes.First();
        var other = await SignInAsync(email);

        foreach (var url in new[] { "/Admin/Plans", "/Admin/Plans/Edit", $"/Admin/Plans/Edit/{plan.Id}", $"/Admin/Plans/{plan.Id}", $"/Admin/Plans/{plan.Id}/Priority", $"/Admin/Plans/{plan.Id}/Priority/{priority.Id}", $"/Admin/Plans/{plan.Id}/Outcome", $"/Admin/Plans/{plan.Id}/Outcome/{outcome.Id}", $"/Admin/Plans/{plan.Id}/Outcome/{outcome.Id}/Measure" })
        {
            var refused = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var posted = await other.PostAsync($"/Admin/Plans/{plan.Id}/Priority/{priority.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "Not mine to change" }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", posted.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(priority.Title, (await InDbAsync(db => db.PlanPriorities.AsNoTracking().SingleAsync(p => p.Id == priority.Id))).Title);

        var admin = await SignInAsync("admin@demo.commissioning.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Admin/Plans/{plan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Plans/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Plans/{plan.Id}/Priority/{Guid.NewGuid()}")).StatusCode);
        var anonymous = await app.NewClient().GetAsync("/Admin/Plans");
        Assert.StartsWith("/Account/SignIn", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private Task<HttpClient> SignInAsync(string email) => app.SignedInClientAsync(email, DemoDataSeeder.Password);

    private Task<T> InDbAsync<T>(Func<CommissioningDbContext, Task<T>> work) =>
        app.InScopeAsync(services => work(services.GetRequiredService<CommissioningDbContext>()));

    private static async Task<Guid> CreatePlanAsync(HttpClient officer, string title, string term, (string, string, string) start, (string, string, string) end)
    {
        var created = await officer.PostFormAsync("/Admin/Plans/Edit", PlanFields(title, term, start, end));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task<Guid> AddPriorityAsync(HttpClient officer, Guid planId, string title, string? summary)
    {
        var added = await officer.PostFormAsync($"/Admin/Plans/{planId}/Priority", new() { ["Input.Title"] = title, ["Input.Summary"] = summary ?? string.Empty });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return await InDbAsync(db => db.PlanPriorities.Where(p => p.PlanId == PlanId.From(planId) && p.Title == title).Select(p => p.Id.Value).SingleAsync());
    }

    private static Dictionary<string, string> PlanFields(string title, string term, (string Day, string Month, string Year) start, (string Day, string Month, string Year) end) => new()
    {
        ["Input.Title"] = title,
        ["Input.PriorityTerm"] = term,
        ["Input.PeriodStartDay"] = start.Day,
        ["Input.PeriodStartMonth"] = start.Month,
        ["Input.PeriodStartYear"] = start.Year,
        ["Input.PeriodEndDay"] = end.Day,
        ["Input.PeriodEndMonth"] = end.Month,
        ["Input.PeriodEndYear"] = end.Year,
    };
}

public sealed class PlanPagesTestsOnSqlite(SqliteApp app) : PlanPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PlanPagesTestsOnPostgres(PostgresApp app) : PlanPagesTests(app), IClassFixture<PostgresApp>;
