using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// Failed sign-ins, counted so that guessing passwords is slow and nobody can lock someone else out.
/// <list type="bullet">
/// <item>From one client address, failures on one account stop after <see cref="RateLimitOptions.SignInFailuresPerAccountPerAddress"/>
/// (3) in <see cref="Window"/>: that address is then refused (the 429 page) for that e-mail address until the oldest
/// failure is 15 minutes old. This is the soft throttle on the account: it comes before the lockout, and the owner
/// signing in from anywhere else is not held up by it.</item>
/// <item>From one client address, failures on any accounts stop after <see cref="RateLimitOptions.SignInFailuresPerAddressPer15Minutes"/>
/// (10), so one address cannot try a common password against many accounts.</item>
/// <item>The account is locked (Identity's lockout, <see cref="Microsoft.AspNetCore.Identity.LockoutOptions.MaxFailedAccessAttempts"/>
/// failures, the last line) only when that many failures within the window came from more than one address, as one
/// address is stopped before it reaches that number.</item>
/// </list>
/// Each is counted by the e-mail address typed, whether or not it has an account, so the limits reveal nothing.
/// They are held in this node's memory, as the limits on e-mails are: with several app nodes each node counts on its own.
/// An IPv6 client is counted by its /64 network, as one connection can use any address in it.
/// </summary>
public sealed class SignInLimits(RateLimitOptions options, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Failures within the window, from more than one address, that lock an account (Identity's lockout).</summary>
    public const int LockoutAfterFailures = 5;

    /// <summary>How long a locked account stays locked, unless its owner resets the password.</summary>
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    private readonly object _gate = new();

    private readonly Dictionary<string, List<DateTimeOffset>> _byAddress = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<DateTimeOffset>> _byAccountFromAddress = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<DateTimeOffset>> _byAccount = new(StringComparer.Ordinal);

    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Null if the client may try to sign in as the e-mail address now; otherwise the 429 answer to give.</summary>
    public IActionResult? Refuse(string email, HttpContext http)
    {
        var address = ClientAddress(http);
        var now = clock.GetUtcNow();
        TimeSpan? wait;
        lock (_gate)
        {
            wait = Longest(
                WaitFor(_byAddress, address, options.SignInFailuresPerAddressPer15Minutes, now),
                WaitFor(_byAccountFromAddress, AccountFromAddress(email, address), options.SignInFailuresPerAccountPerAddress, now));
        }

        if (wait is null)
        {
            return null;
        }

        EmailRequestLimits.Refuse(http, TooManyRequests.Limit.SignIn, wait.Value, clock);
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Counts a failed sign-in; true when the account has now failed <see cref="LockoutAfterFailures"/> times within the window.</summary>
    public bool Failed(string email, HttpContext http)
    {
        var address = ClientAddress(http);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            Add(_byAddress, address, now);
            Add(_byAccountFromAddress, AccountFromAddress(email, address), now);
            return Add(_byAccount, Account(email), now) >= LockoutAfterFailures;
        }
    }

    /// <summary>The client's IP address; for IPv6, its /64 network.</summary>
    public static string ClientAddress(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4().ToString();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return $"{new IPAddress(bytes)}/64";
        }

        return ip.ToString();
    }

    private static string Account(string email) => email.Trim().ToUpperInvariant();

    private static string AccountFromAddress(string email, string address) => $"{address} {Account(email)}";

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static TimeSpan? WaitFor(Dictionary<string, List<DateTimeOffset>> failures, string key, int limit, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var times))
        {
            return null;
        }

        times.RemoveAll(at => at <= now - Window);
        // The next attempt may go when the oldest failure that counts towards the limit is a window old.
        return times.Count >= limit ? times[times.Count - limit] + Window - now : null;
    }

    private static int Add(Dictionary<string, List<DateTimeOffset>> failures, string key, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var times))
        {
            failures[key] = times = [];
        }

        times.RemoveAll(at => at <= now - Window);
        times.Add(now);
        return times.Count;
    }

    /// <summary>Forgets, once a minute, the keys whose failures are all older than the window, so memory stays small.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastSweep = now;
        foreach (var failures in new[] { _byAddress, _byAccountFromAddress, _byAccount })
        {
            foreach (var key in failures.Where(entry => entry.Value.Count == 0 || entry.Value[^1] <= now - Window).Select(entry => entry.Key).ToList())
            {
                failures.Remove(key);
            }
        }
    }
}
