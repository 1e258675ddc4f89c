using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Commissioning.BrowserTests;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;

namespace Commissioning.Tests.Web;

/// <summary>
/// Behind a TLS-terminating proxy: the real app process, told to trust one proxy address (127.0.0.2) and one network
/// (127.0.1.0/24), is reached over real HTTP from different loopback addresses, so the address the app sees is the
/// one each request really came from.
/// </summary>
public sealed partial class ForwardedHeaderTests(ForwardedHeaderTests.ProxiedApp proxied) : IClassFixture<ForwardedHeaderTests.ProxiedApp>
{
    private static readonly IPAddress ConfiguredProxy = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress InConfiguredNetwork = IPAddress.Parse("127.0.1.7");
    private static readonly IPAddress UnconfiguredAddress = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task Behind_a_configured_proxy_that_ended_https_the_antiforgery_and_sign_in_cookies_are_secure()
    {
        using var client = ClientFrom(ConfiguredProxy);

        using var form = await client.SendAsync(Request(HttpMethod.Get, "/Account/SignIn", "https"));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = Cookie(form, "commissioning.antiforgery");
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var signIn = Request(HttpMethod.Post, "/Account/SignIn", "https");
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        signIn.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "applicant@demo.commissioning.test",
            ["Input.Password"] = DemoDataSeeder.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value),
        });
        using var signedIn = await client.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("; secure", Cookie(signedIn, "commissioning.auth"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_proxy_in_a_configured_network_is_believed_too()
    {
        using var client = ClientFrom(InConfiguredNetwork);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "/Account/SignIn", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("; secure", Cookie(response, "commissioning.antiforgery"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_a_configured_proxy_received_over_http_is_sent_to_https()
    {
        using var client = ClientFrom(ConfiguredProxy);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "/Account/SignIn?returnUrl=%2FFunding", "http"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://grants.example.org/Account/SignIn?returnUrl=%2FFunding", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("127.0.0.3")]
    [InlineData("127.0.0.1")]
    public async Task Anybody_else_claiming_https_is_not_believed_and_is_sent_to_https_without_a_cookie(string address)
    {
        using var client = ClientFrom(IPAddress.Parse(address));

        using var response = await client.SendAsync(Request(HttpMethod.Get, "/Account/SignIn", "https"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://grants.example.org/Account/SignIn", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"), "A cookie was set for a request the service treated as HTTP.");
    }

    [Fact]
    public async Task The_health_check_answers_over_http_for_probes_that_reach_the_app_directly()
    {
        using var client = ClientFrom(UnconfiguredAddress);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "/health", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("KnownProxies", "10.0.0.300", "is not an IP address")]
    [InlineData("KnownNetworks", "10.0.0.0/33", "is not a network in CIDR form")]
    public async Task A_proxy_setting_that_is_not_an_address_stops_start_up_saying_what_to_fix(string key, string value, string problem)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { [$"ForwardedHeaders:{key}:0"] = value });

        var failure = Assert.Throws<InvalidOperationException>(() => app.Server);

        Assert.Contains($"ForwardedHeaders:{key} has '{value}', which {problem}", failure.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? forwardedProto)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = "grants.example.org";
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "203.0.113.10");
        }

        return request;
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith($"{name}=", StringComparison.Ordinal));

    /// <summary>A client whose connections come from <paramref name="local"/>, one of the machine's loopback addresses.</summary>
    private HttpClient ClientFrom(IPAddress local) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = proxied.App.BaseAddress };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>The real app outside Development, trusting the proxy 127.0.0.2 and the network 127.0.1.0/24.</summary>
    public sealed class ProxiedApp : IAsyncLifetime
    {
        private TestDatabase? _database;
        private WebAppProcess? _app;

        public WebAppProcess App => _app ?? throw new InvalidOperationException("The app has not started.");

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            _app = await WebAppProcess.StartAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Database__Provider"] = _database.Provider.ToString(),
                ["Database__ConnectionString"] = _database.ConnectionString,
                ["Database__DataFolder"] = _database.DataFolder,
                ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.2",
                ["ForwardedHeaders__KnownNetworks__0"] = "127.0.1.0/24",
            });
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}
