using System.Net;
using System.Net.Sockets;
using System.Text;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Commissioning.Tests.Web;

public sealed class OutboxTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string AccentedSubject = "Café – £500 awarded to Gŵyl Ŷd";

    private const string AccentedSender = "Swyddfa’r Comisiynydd – Café <grants@example.org>";

    [Fact]
    public async Task A_queued_email_is_written_to_the_mail_folder_when_no_mail_server_is_configured()
    {
        var sent = await SendAsync(app.App, "applicant@example.org", "Confirm your email address", "Use this link to confirm your email address.");

        Assert.StartsWith(Path.Combine(app.Database.DataFolder, "mail"), sent.DeliveredVia, StringComparison.Ordinal);
        var eml = await File.ReadAllTextAsync(sent.DeliveredVia!);
        Assert.Contains("To: applicant@example.org", eml, StringComparison.Ordinal);
        Assert.Contains("Subject: Confirm your email address", eml, StringComparison.Ordinal);
        Assert.Contains("Use this link to confirm your email address.", eml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_and_sender_name_beyond_plain_ASCII_are_written_as_encoded_headers_and_read_back_intact()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Mail:From"] = AccentedSender });
        const string body = "Your grant of £500 for the Café project has been approved.\nhttps://grants.example.org/Applications/1?tab=offer&step=2";

        var sent = await SendAsync(factory, "applicant@example.org", AccentedSubject, body);

        var raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(sent.DeliveredVia!));
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.Contains("Subject: =?utf-8?", headers, StringComparison.OrdinalIgnoreCase);
        Assert.True(headers.All(char.IsAscii), $"Every header should be plain ASCII (non-ASCII text as encoded words), but the file's headers are:\n{headers}");

        using var read = await MimeMessage.LoadAsync(sent.DeliveredVia!);
        Assert.Equal(AccentedSubject, read.Subject);
        var from = Assert.Single(read.From.Mailboxes);
        Assert.Equal("Swyddfa’r Comisiynydd – Café", from.Name);
        Assert.Equal("grants@example.org", from.Address);
        Assert.Equal("applicant@example.org", Assert.Single(read.To.Mailboxes).Address);
        Assert.Equal(body.ReplaceLineEndings("\r\n"), read.TextBody!.TrimEnd('\r', '\n').ReplaceLineEndings("\r\n"));
    }

    [Fact]
    public async Task With_a_mail_server_configured_the_email_is_sent_to_it_by_SMTP_with_encoded_headers()
    {
        using var server = new RecordingSmtpServer();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string>
        {
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:SmtpUseTls"] = "false",
            ["Mail:From"] = AccentedSender,
        });

        var sent = await SendAsync(factory, "officer@example.org", AccentedSubject, "A report has arrived.");

        Assert.Equal("smtp", sent.DeliveredVia);
        var data = await server.MessageTo("officer@example.org").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("Subject: =?utf-8?", data, StringComparison.OrdinalIgnoreCase);
        using var read = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        Assert.Equal(AccentedSubject, read.Subject);
        Assert.Equal("Swyddfa’r Comisiynydd – Café", Assert.Single(read.From.Mailboxes).Name);
        Assert.Contains("A report has arrived.", read.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_email_that_cannot_be_sent_is_marked_failed_after_its_attempts_with_the_error_and_never_holds_up_the_others(bool smtp)
    {
        using var server = new RecordingSmtpServer();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = smtp
            ? new Dictionary<string, string> { ["Mail:SmtpHost"] = "127.0.0.1", ["Mail:SmtpPort"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Mail:SmtpUseTls"] = "false" }
            : [];
        await using var factory = new CommissioningApp.Factory(database, "Testing", settings);
        var good = Mailbox.UniqueEmail("behind");
        Guid[] bad;
        Guid behind;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            bad =
            [
                outbox.Enqueue("not an address", "Reset your password", "A link.").Id,
                outbox.Enqueue("ünï@exämple.org", "Reset your password", "A link.").Id,
            ];
            await db.SaveChangesAsync();
            behind = outbox.Enqueue(good, "Confirm your email address", "A link.").Id;
            await db.SaveChangesAsync();
        }

        for (var dispatch = 0; dispatch <= Outbox.MaxAttempts + 1; dispatch++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().DispatchAsync(CancellationToken.None);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var messages = await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
            Assert.NotNull(messages.Single(m => m.Id == behind).SentAt);
            foreach (var id in bad)
            {
                var failed = messages.Single(m => m.Id == id);
                if (failed.SentAt is null)
                {
                    Assert.Equal(Outbox.MaxAttempts, failed.Attempts);
                    Assert.False(string.IsNullOrWhiteSpace(failed.LastError), $"The e-mail to {failed.To} should say why it failed");
                }
            }

            Assert.Contains(messages, m => bad.Contains(m.Id) && m.SentAt is null);
        }

        if (smtp)
        {
            Assert.Contains("A link.", await server.MessageTo(good).WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        }
    }

    /// <summary>Queues a message and waits for the dispatcher (every 10 seconds) to send it.</summary>
    private static async Task<OutboxMessage> SendAsync(CommissioningApp.Factory factory, string to, string subject, string body)
    {
        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(to, subject, body).Id;
            await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().SaveChangesAsync();
        }

        OutboxMessage? sent = null;
        for (var wait = 0; wait < 120 && sent?.SentAt is null; wait++)
        {
            await Task.Delay(250);
            await using var scope = factory.Services.CreateAsyncScope();
            sent = await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        }

        Assert.True(sent?.SentAt is not null, $"The e-mail was not sent within 30 s; last error: {sent?.LastError}");
        return sent!;
    }

    /// <summary>A plain SMTP server on a free local port that keeps every message it is sent, by recipient.</summary>
    private sealed class RecordingSmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        private readonly CancellationTokenSource _stop = new();

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<string>> _messages = new();

        public RecordingSmtpServer()
        {
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>The message data (headers and body) of the first message sent to the address.</summary>
        public Task<string> MessageTo(string address) => Slot(address).Task;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private TaskCompletionSource<string> Slot(string address) =>
            _messages.GetOrAdd(address.Trim('<', '>', ' ').ToLowerInvariant(), _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(connection));
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            try
            {
                using (connection)
                {
                    await using var stream = connection.GetStream();
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                    await writer.WriteLineAsync("220 localhost ESMTP");
                    var recipients = new List<string>();
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        switch (line.Split(' ', 2)[0].ToUpperInvariant())
                        {
                            case "EHLO" or "HELO":
                                await writer.WriteLineAsync("250-localhost\r\n250 8BITMIME");
                                break;
                            case "RCPT":
                                recipients.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                                await writer.WriteLineAsync("250 OK");
                                break;
                            case "DATA":
                                await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                                var data = new StringBuilder();
                                while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                                {
                                    data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                                }

                                await writer.WriteLineAsync("250 OK");
                                recipients.ForEach(r => Slot(r).TrySetResult(data.ToString()));
                                recipients.Clear();
                                break;
                            case "QUIT":
                                await writer.WriteLineAsync("221 Bye");
                                return;
                            default:
                                await writer.WriteLineAsync("250 OK");
                                break;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // The client went away; a message it finished sending is already kept.
            }
        }
    }
}
