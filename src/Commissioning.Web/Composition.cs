using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Jobs;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Runtime;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Commissioning.Web;

/// <summary>Everything the app is made of, in one place, so tests compose exactly what production runs.</summary>
public static class Composition
{
    public static WebApplicationBuilder AddCommissioning(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ServiceOptions>(builder.Configuration.GetSection(ServiceOptions.Section));
        if (ServiceOptions.ProblemWithLinks(builder.Configuration[$"{ServiceOptions.Section}:{nameof(ServiceOptions.PublicAddress)}"], builder.Configuration["AllowedHosts"], builder.Environment.IsProduction()) is { } linkProblem)
        {
            throw new InvalidOperationException(linkProblem);
        }

        var crashAt = builder.Configuration["Testing:CrashAt"];
        if (!string.IsNullOrWhiteSpace(crashAt) && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException("Testing:CrashAt is set in the Production environment. It kills the service on purpose, for the crash tests only; remove the setting.");
        }

        // No "Server: Kestrel" header: it tells an attacker what to look up, and nobody else needs it.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Outside Development, browsers are told to use HTTPS only, for a year, on subdomains too.
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });

        TrustedProxies.Register(builder);
        Pages.Account.EmailRequestLimits.Register(builder);
        var serviceOptions = builder.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        services.AddSingleton(new Letterhead(serviceOptions.ServiceName, serviceOptions.OpccName, ServiceOptions.AddressForBackgroundMail(serviceOptions.PublicAddress, builder.Configuration["AllowedHosts"])));
        services.AddScoped<Infrastructure.Organisations.DocumentReminders>();
        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentActor, SignedInActor>();
        var database = ResolvedDatabase.From(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(Infrastructure.Files.UploadQuotas.From(builder.Configuration));
        services.AddCommissioningPersistence(database, KeyRingCertificate.Load(builder.Configuration, builder.Environment.ContentRootPath, database.DataFolder, builder.Environment.IsProduction()));
        services.AddCommissioningWorkflows(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddCommissioningScheduler(database, builder.Configuration);
        services.AddSingleton(builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions());

        // PDF copies of applications need a TrueType font on the machine: without one, stop here and say which package to install.
        Infrastructure.Pdf.PdfFonts.EnsureConfigured();

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                // The sign-in page counts failures itself (Pages.Account.SignInLimits), by client address, and locks
                // the account only when failures come from more than one address; these are the numbers it uses.
                options.Lockout.MaxFailedAccessAttempts = Pages.Account.SignInLimits.LockoutAfterFailures;
                options.Lockout.DefaultLockoutTimeSpan = Pages.Account.SignInLimits.LockoutTime;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                // The user name is the email address, and addresses may hold characters Identity's default list lacks (o'neill@...).
                options.User.AllowedUserNameCharacters = string.Empty;
                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<CommissioningDbContext>()
            .AddSignInManager<Pages.Account.StaffSignInManager>()
            .AddDefaultTokenProviders()
            // In place of Identity's authenticator provider, so that nothing checks a code without using it up.
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // Beside Identity's own validator (the minimum length): refuse passwords that are easy to guess.
        services.AddScoped<IPasswordValidator<AppUser>>(_ => new PasswordStrength(serviceOptions.ServiceName));
        // Every request checks the sign-in cookie's security stamp against the account, so signing out, resetting
        // or changing the password ends every other session at once rather than up to 30 minutes later.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/SignIn";
            options.LogoutPath = "/Account/SignOut";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "commissioning.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, including HTTPS a configured proxy ended (TrustedProxies).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        Pages.Account.StaffTwoFactor.Register(services, builder.Configuration);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "commissioning.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddScoped<Pages.Account.AccountEmails>();
        services.AddScoped<Pages.Organisations.OrganisationEmails>();
        services.AddScoped<Pages.Organisations.MembershipEmailLimits>();
        services.AddScoped(provider => new Infrastructure.Applications.OfficeNotices(
            provider.GetRequiredService<Infrastructure.Mail.Outbox>(),
            provider.GetRequiredService<UserManager<AppUser>>(),
            provider.GetRequiredService<IOptions<ServiceOptions>>().Value.OfficeEmail,
            provider.GetRequiredService<IOptions<ServiceOptions>>().Value.ServiceName));
        services.AddScoped<Infrastructure.Applications.ApplicationEvents>();
        services.AddScoped<Infrastructure.Applications.WithdrawApplication>();
        services.AddScoped<Infrastructure.Applications.SubmitApplication>();
        services.AddScoped<Infrastructure.Applications.AnswerOffer>();
        services.AddScoped<Infrastructure.Applications.SendReport>();
        services.AddScoped<Infrastructure.Applications.StartApplication>();
        services.AddScoped<Infrastructure.Applications.SaveSection>();
        services.AddScoped<Infrastructure.Applications.CompleteTask>();
        services.AddScoped<Infrastructure.Rounds.ChangeApplicationForm>();
        services.AddScoped<Infrastructure.Rounds.PublishRound>();
        services.AddScoped<Infrastructure.Rounds.SetUpRound>();
        services.AddScoped<Infrastructure.Rounds.ChangeRound>();
        services.AddScoped<Infrastructure.Rounds.CopyRound>();
        services.AddScoped<Infrastructure.Demo.DemoVictimsRound>();
        services.AddScoped<DemoGrant>();
        services.AddScoped<Infrastructure.People.CreateFirstAdministrator>();
        services.AddScoped<Infrastructure.People.InviteStaffMember>();
        services.AddScoped<Infrastructure.People.ChangeRoles>();
        services.AddScoped<Infrastructure.People.DeactivateAccount>();
        services.AddScoped<Infrastructure.People.ResetTwoFactor>();
        services.AddScoped<Pages.Organisations.Profile.ProfileEmails>();

        services.AddRazorPages();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy)
            .AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Unhealthy);
        return builder;
    }

    /// <summary>The browser features no page of the service uses, turned off for every page and anything embedded in one.</summary>
    public const string PermissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    public static WebApplication UseCommissioning(this WebApplication app)
    {
        // A crash test's point is armed once the app is up, so the demo data seeded at start-up does not reach it.
        if (app.Configuration["Testing:CrashAt"] is { Length: > 0 } crashAt)
        {
            app.Lifetime.ApplicationStarted.Register(() => Commissioning.Workflows.Runtime.CrashPoints.Arm(crashAt));
        }

        // First, so that everything after sees the client's address and scheme a configured proxy forwarded.
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // Sends HTTP to HTTPS when the HTTPS port is known (Kestrel's own HTTPS endpoint, HTTPS_PORT, or 443
            // behind a configured proxy). The health check stays on HTTP, for probes that reach the app directly.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            ContentSecurityPolicy.Apply(context);
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHangfireDashboard(JobsDashboard.Path, JobsDashboard.Options).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin });
        app.MapBenchmarkBareInsert();
        return app;
    }

    /// <summary>
    /// Only with Benchmark:BareEndpoint=true (refused in Production): POST /benchmark/bare-insert?roundId=&amp;organisationId=
    /// inserts one application row with EF Core and returns, the baseline the closing-day surge benchmark
    /// (tests/Commissioning.Benchmarks, mode surge) compares real submissions with, in the same app run.
    /// </summary>
    private static void MapBenchmarkBareInsert(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Benchmark:BareEndpoint"))
        {
            return;
        }

        if (app.Environment.IsProduction())
        {
            throw new InvalidOperationException("Benchmark:BareEndpoint is on in the Production environment. The benchmark's bare insert endpoint is never mapped in production; turn the setting off.");
        }

        app.MapPost("/benchmark/bare-insert", async (Guid roundId, Guid organisationId, CommissioningDbContext db, CancellationToken cancellationToken) =>
        {
            var application = new Commissioning.Domain.Applications.GrantApplication(new Commissioning.Domain.Common.RoundId(roundId), new Commissioning.Domain.Common.OrganisationId(organisationId), "Bare benchmark insert", DateTimeOffset.UtcNow, "benchmark");
            db.Applications.Add(application);
            await db.SaveChangesAsync(cancellationToken);
            return Results.Text(application.Id.Value.ToString());
        }).AllowAnonymous();
    }

    /// <summary>
    /// Applies pending migration scripts, protects the key ring, checks the published workflows and creates the roles:
    /// what the service needs of its database before it answers anyone, and what the command-line tools need too.
    /// </summary>
    public static async Task PrepareSchemaAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SqlScriptMigrator>().MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<KeyRingUpgrade>().ProtectKeyRingAsync(app.Environment.IsProduction());
        await app.Services.GetRequiredService<WorkflowRegistry>().CheckPublishedAsync(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>(), TimeProvider.System.GetUtcNow());
        await RoleSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
    }

    /// <summary>Applies pending migration scripts, then (demo and development only) seeds demo data into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var demo = app.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (demo.SeedOnFirstRun && app.Environment.IsProduction())
        {
            throw new InvalidOperationException("Demo:SeedOnFirstRun is on in the Production environment. Demo data is never seeded in production; turn the setting off.");
        }

        await app.PrepareSchemaAsync();
        if (!demo.SeedOnFirstRun)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync())
        {
            await scope.ServiceProvider.GetRequiredService<Infrastructure.Demo.DemoVictimsRound>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoGrant>().SeedAsync();
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Commissioning.Demo");
        logger.LogInformation("Demo sign-ins (password for all: {Password}):{SignIns}", DemoDataSeeder.Password,
            string.Concat(DemoDataSeeder.SignIns.Select(s => $"{Environment.NewLine}  {s.Email,-36} {Roles.Describe(s.Role)}{(s.Organisation is null ? string.Empty : $" at {s.Organisation}")}")));
    }
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the Thames Valley demo data into an empty database at start-up. Refused in Production.</summary>
    public bool SeedOnFirstRun { get; set; }
}

internal sealed class SignedInActor(IHttpContextAccessor http) : ICurrentActor
{
    public string Name => http.HttpContext?.User.Identity?.Name ?? "system";
}

/// <summary>
/// The scheduler is healthy when its job storage answers and a job server is running: this process's own, or on
/// SQLite the one another process runs for the same database (seen by its recent heartbeat).
/// </summary>
internal sealed class SchedulerHealthCheck(JobStorage storage, JobServer server) : IHealthCheck
{
    private static readonly TimeSpan HeartbeatAge = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var alive = storage.GetMonitoringApi().Servers()
                .Where(s => s.Heartbeat is { } beat && DateTime.UtcNow - DateTime.SpecifyKind(beat, DateTimeKind.Utc) < HeartbeatAge)
                .Select(s => s.Name)
                .ToList();
            return Task.FromResult(server.IsRunning || alive.Count > 0
                ? HealthCheckResult.Healthy(server.IsRunning ? $"Job server {server.Node} is running; {alive.Count} in all." : $"This node runs no job server; {string.Join(", ", alive)} does.")
                : HealthCheckResult.Unhealthy("No job server is running, so workflow reminders, deadlines and e-mails would wait."));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException or IOException or SQLite.SQLiteException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage is unreachable.", ex));
        }
    }
}

/// <summary>
/// The Hangfire Dashboard, a third-party technical tool, at /Admin/Jobs for administrators only: the endpoint asks
/// for the Admin role through the sign-in cookie (others are sent to sign in or told they may not), and the
/// dashboard checks the role again itself.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/Admin/Jobs";

    public static DashboardOptions Options { get; } = new()
    {
        Authorization = [],
        AsyncAuthorization = [new AdministratorsOnly()],
        AppPath = "/",
        DashboardTitle = "Scheduled jobs",
        DisplayStorageConnectionString = false,
    };

    private sealed class AdministratorsOnly : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context) =>
            Task.FromResult(context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole(Roles.Admin));
    }
}

internal sealed class DatabaseHealthCheck(CommissioningDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var funds = await db.Funds.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Database reachable; {funds} funds.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
    }
}
