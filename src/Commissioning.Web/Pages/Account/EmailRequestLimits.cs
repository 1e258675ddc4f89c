using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// Limits on the e-mails anyone can make the service send without signing in (registration, the confirmation link
/// again, a password reset), read from the "RateLimits" section. Without them the service could be used to flood
/// someone's inbox, or to send mail in bulk under the office's name.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests for an e-mail (of any of the three kinds) from one client IP address, per window.</summary>
    public int EmailRequestsPerClient { get; set; } = 10;

    public int EmailRequestsPerClientWindowMinutes { get; set; } = 15;

    /// <summary>Requests for an e-mail to one address, per window, from anywhere: one person's inbox is not flooded.</summary>
    public int EmailsPerAddress { get; set; } = 3;

    public int EmailsPerAddressWindowMinutes { get; set; } = 60;

    /// <summary>Invitations one person may send in 24 hours (each carries an e-mail from the service to an address they typed).</summary>
    public int InvitationsPerPersonPerDay { get; set; } = 20;

    /// <summary>Invitations all the people of one organisation may send in 24 hours.</summary>
    public int InvitationsPerOrganisationPerDay { get; set; } = 50;

    /// <summary>Requests to join an organisation one person may make in 24 hours (each e-mails every member, with their message).</summary>
    public int JoinRequestsPerPersonPerDay { get; set; } = 10;

    /// <summary>Requests to join one organisation, from anyone, in 24 hours: its members' inboxes are not flooded.</summary>
    public int JoinRequestsPerOrganisationPerDay { get; set; } = 20;

    /// <summary>Failed sign-ins from one client IP address, to any accounts, in 15 minutes (<see cref="SignInLimits"/>).</summary>
    public int SignInFailuresPerAddressPer15Minutes { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins to one e-mail address from one client IP address in 15 minutes; fewer than the failures that
    /// lock an account (<see cref="SignInLimits.LockoutAfterFailures"/>), so one address can never lock anyone out.
    /// </summary>
    public int SignInFailuresPerAccountPerAddress { get; set; } = 3;

    public void Check()
    {
        var wrong = new (string Name, int Value)[]
        {
            (nameof(EmailRequestsPerClient), EmailRequestsPerClient),
            (nameof(EmailRequestsPerClientWindowMinutes), EmailRequestsPerClientWindowMinutes),
            (nameof(EmailsPerAddress), EmailsPerAddress),
            (nameof(EmailsPerAddressWindowMinutes), EmailsPerAddressWindowMinutes),
            (nameof(InvitationsPerPersonPerDay), InvitationsPerPersonPerDay),
            (nameof(InvitationsPerOrganisationPerDay), InvitationsPerOrganisationPerDay),
            (nameof(JoinRequestsPerPersonPerDay), JoinRequestsPerPersonPerDay),
            (nameof(JoinRequestsPerOrganisationPerDay), JoinRequestsPerOrganisationPerDay),
            (nameof(SignInFailuresPerAddressPer15Minutes), SignInFailuresPerAddressPer15Minutes),
            (nameof(SignInFailuresPerAccountPerAddress), SignInFailuresPerAccountPerAddress),
        }.Where(s => s.Value < 1).Select(s => $"{Section}:{s.Name} is {s.Value}").ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{string.Join("; ", wrong)}. Each {Section} setting must be a whole number of 1 or more.");
        }

        if (SignInFailuresPerAccountPerAddress >= SignInLimits.LockoutAfterFailures)
        {
            throw new InvalidOperationException($"{Section}:{nameof(SignInFailuresPerAccountPerAddress)} is {SignInFailuresPerAccountPerAddress}. It must be less than {SignInLimits.LockoutAfterFailures}, the failures that lock an account, so that nobody can lock someone else's account from one address.");
        }
    }
}

/// <summary>Which limit a request went over, and when the person can try again: shown by the 429 page.</summary>
public sealed record TooManyRequests(TooManyRequests.Limit Reached, DateTimeOffset TryAgainAt)
{
    public const string ItemKey = "Commissioning.TooManyRequests";

    public enum Limit
    {
        Client = 1,
        Address = 2,
        InvitationsByPerson = 3,
        InvitationsByOrganisation = 4,
        JoinRequestsByPerson = 5,
        JoinRequestsToOrganisation = 6,
        SignIn = 7,
    }
}

/// <summary>
/// The two limits. Per client IP address: ASP.NET Core's rate limiter, on POSTs to the pages that carry
/// <see cref="Policy"/>. Per e-mail address: <see cref="TryRequestFor"/>, called by those pages once the address is
/// known and before anything is looked up, so that an address with an account and one without are limited alike.
/// Both are held in this node's memory: with several app nodes each node counts on its own, so the limits are per node.
/// </summary>
public sealed class EmailRequestLimits : IDisposable
{
    public const string Policy = "anonymous-email";

    private readonly PartitionedRateLimiter<string> _perAddress;

    private readonly TimeProvider _clock;

    public EmailRequestLimits(RateLimitOptions options, TimeProvider clock)
    {
        _clock = clock;
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.EmailsPerAddress,
            Window = TimeSpan.FromMinutes(options.EmailsPerAddressWindowMinutes),
            QueueLimit = 0,
        }));
    }

    /// <summary>Counts a request for an e-mail to the address; null if it may go ahead, otherwise the 429 answer to give.</summary>
    public IActionResult? TryRequestFor(string email, HttpContext http)
    {
        using var lease = _perAddress.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (lease.IsAcquired)
        {
            return null;
        }

        Refuse(http, TooManyRequests.Limit.Address, lease, _clock);
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _perAddress.Dispose();

    /// <summary>Registers both limits from the "RateLimits" settings (read now, so host settings given at start-up count).</summary>
    public static void Register(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        options.Check();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EmailRequestLimits>();
        builder.Services.AddSingleton<SignInLimits>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                Refuse(context.HttpContext, TooManyRequests.Limit.Client, context.Lease, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.EmailRequestsPerClient,
                    Window = TimeSpan.FromMinutes(options.EmailRequestsPerClientWindowMinutes),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("not a request for an e-mail"));
        });
    }

    /// <summary>Says when to try again, in the Retry-After header and on the page the status code pages show for 429.</summary>
    private static void Refuse(HttpContext http, TooManyRequests.Limit limit, RateLimitLease lease, TimeProvider clock) =>
        Refuse(http, limit, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromMinutes(1), clock);

    /// <summary>Answers 429 with when to try again, in the Retry-After header and on the status code page.</summary>
    public static void Refuse(HttpContext http, TooManyRequests.Limit limit, TimeSpan wait, TimeProvider clock)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Items[TooManyRequests.ItemKey] = new TooManyRequests(limit, clock.GetUtcNow().AddSeconds(seconds));
    }
}
