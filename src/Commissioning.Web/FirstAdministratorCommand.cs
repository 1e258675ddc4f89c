using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.People;

namespace Commissioning.Web;

/// <summary>
/// <c>create-admin EMAIL ["Full name"]</c>: sets up a new office's first administrator on a database that has none,
/// after bringing the database's schema up to date (so it works on an empty one), and sends the e-mail with the link to
/// set a password through the outbox at once. Exit code 0 when done, 1 when refused (an administrator exists, or the
/// address is not one), 2 when used wrongly.
/// </summary>
public static class FirstAdministratorCommand
{
    public const string Name = "create-admin";

    public const string Usage = "Usage: create-admin EMAIL [\"Full name\"]   (for example: create-admin jo.bloggs@opcc.example.org \"Jo Bloggs\")";

    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (arguments.Count is < 1 or > 2 || arguments[0].StartsWith('-'))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await app.PrepareSchemaAsync();

        // The link's token is protected with the Data Protection key ring, which an empty database does not have yet.
        // The ring is saved through a connection of its own, so it is made here, before the account's transaction
        // holds SQLite's one write lock.
        app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector(Name).Protect([0]);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var user = await scope.ServiceProvider.GetRequiredService<CreateFirstAdministrator>().CreateAsync(arguments[0], arguments.Count > 1 ? arguments[1] : null, CancellationToken.None);
            await output.WriteLineAsync($"Created the administrator {user.Email}. An email with a link to set a password has been queued for them.");
        }
        catch (DomainException refusal)
        {
            await error.WriteLineAsync(refusal.Message);
            return 1;
        }

        // No job server runs in this command, so the e-mail is sent (or written to the mail folder) here and now;
        // if that fails, the service's outbox dispatch sends it once the service runs.
        try
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().DispatchAsync(CancellationToken.None);
            await output.WriteLineAsync(string.IsNullOrWhiteSpace(scope.ServiceProvider.GetRequiredService<MailOptions>().SmtpHost)
                ? $"No mail server is set (Mail:SmtpHost), so the email was written to {Path.Combine(scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ResolvedDatabase>().DataFolder, "mail")}."
                : "The email has been sent.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            await output.WriteLineAsync($"The email could not be sent yet ({ex.Message}); the service sends it when it runs.");
        }

        var letterhead = scope.ServiceProvider.GetRequiredService<Letterhead>();
        await output.WriteLineAsync($"The link in it starts with {letterhead.Address}; if that is not where people reach the service, set Service:PublicAddress and run the service, then use \"Forgotten your password?\" on the sign-in page with the same address.");
        return 0;
    }
}
