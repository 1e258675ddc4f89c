using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Support;

/// <summary>
/// Clients that come from a given IP address, as people on different connections do. The test server has no
/// network connection, so the address travels in a request header that the test app (never the service) turns into
/// the connection's remote address before anything else runs.
/// </summary>
public static class ClientAddresses
{
    private const string Header = "X-Test-Client-Address";

    public static WebApplicationFactory<Program> WithClientAddresses(this WebApplicationFactory<Program> app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, AddressFromHeader>()));

    /// <summary>A client with cookies and no redirects whose requests come from the address.</summary>
    public static HttpClient ClientFrom(this WebApplicationFactory<Program> app, string address) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new FromAddress(address), new CookieContainerHandler());

    private sealed class FromAddress(string address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(Header, address);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                await nextMiddleware();
            });
            next(app);
        };
    }
}
