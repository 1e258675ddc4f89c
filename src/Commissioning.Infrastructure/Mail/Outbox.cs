using System.Net.Sockets;
using Commissioning.Infrastructure.Persistence;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Hangfire;
using Hangfire.Storage;
using MimeKit;
using MimeKit.Text;

namespace Commissioning.Infrastructure.Mail;

/// <summary>An e-mail the service has to send, kept until it is sent so that nothing is lost if the mail server is down.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string To { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Where it went: "smtp", or the file it was written to when no mail server is configured.</summary>
    public string? DeliveredVia { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender, an address or a name and address (<c>Thames Valley OPCC &lt;grants@example.org&gt;</c>).</summary>
    public string From { get; set; } = "no-reply@commissioning.invalid";

    /// <summary>SMTP server; when empty, messages are written as .eml files to the data folder's mail folder and shown on the admin page.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>TLS on connecting when the port is 465, otherwise STARTTLS; when false, no TLS at all.</summary>
    public bool SmtpUseTls { get; set; } = true;

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }
}

/// <summary>Queues an e-mail in the caller's unit of work: it is only sent if what caused it is saved.</summary>
public sealed class Outbox(CommissioningDbContext db, TimeProvider clock)
{
    public const int MaxAttempts = 5;

    public OutboxMessage Enqueue(string to, string subject, string body)
    {
        var message = new OutboxMessage { To = to.Trim(), Subject = subject, Body = body, CreatedAt = clock.GetUtcNow() };
        db.Add(message);
        return message;
    }
}

/// <summary>
/// Sends what is waiting in the outbox: by SMTP when configured, otherwise into the mail folder. Queued to run at once
/// after each commit that saves an e-mail, and every minute for anything missed or refused by the mail server. One
/// dispatch runs at a time across every node (a lock in the job storage), so no e-mail goes twice.
/// </summary>
public sealed class OutboxDispatchJob(CommissioningDbContext db, MailOptions options, ResolvedDatabase database, TimeProvider clock, JobStorage storage, ILogger<OutboxDispatchJob> logger)
{
    /// <summary>How long a dispatch waits for the one running elsewhere before leaving its e-mails to the next.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>Files in the mail folder have the CRLF line ends of mail on the wire, whatever the machine.</summary>
    private static readonly FormatOptions MailFileFormat = new() { NewLineFormat = NewLineFormat.Dos };

    /// <summary>How many e-mails one dispatch takes.</summary>
    public const int BatchSize = 50;

    /// <summary>
    /// Sends the waiting e-mails, <see cref="BatchSize"/> at a time, until a batch is not full or one of its e-mails
    /// could not be sent (those wait for the next dispatch, so a mail server that is down does not use up their
    /// attempts at once); returns how many it tried.
    /// </summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        IDisposable held;
        try
        {
            held = connection.AcquireDistributedLock("commissioning:outbox-dispatch", LockWait);
        }
        catch (DistributedLockTimeoutException)
        {
            logger.LogInformation("Another outbox dispatch is still running; its e-mails are left to it and the next dispatch");
            return 0;
        }

        using (held)
        {
            var tried = 0;
            (int Tried, bool AllSent) batch;
            do
            {
                batch = await DispatchBatchAsync(cancellationToken);
                tried += batch.Tried;
            }
            while (batch.Tried == BatchSize && batch.AllSent && !cancellationToken.IsCancellationRequested);

            return tried;
        }
    }

    private async Task<(int Tried, bool AllSent)> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var allSent = true;
        var waiting = await db.Set<OutboxMessage>().Where(m => m.SentAt == null && m.Attempts < Outbox.MaxAttempts).OrderBy(m => m.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var message in waiting)
        {
            message.Attempts++;
            try
            {
                message.DeliveredVia = string.IsNullOrWhiteSpace(options.SmtpHost) ? await WriteToFolderAsync(message, cancellationToken) : await SendAsync(message, cancellationToken);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Whatever goes wrong with one e-mail (the mail server refuses it, an address or header it cannot take)
                // is kept with it as its attempt, and the next e-mail is tried: after Outbox.MaxAttempts it is left
                // as failed, shown so at Admin > Mail, and never holds up the e-mails behind it.
                message.LastError = ex.Message;
                allSent = false;
                logger.LogWarning(ex, "Could not send e-mail {Message} to {To} (attempt {Attempt})", message.Id, message.To, message.Attempts);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return (waiting.Count, allSent);
    }

    /// <summary>
    /// The message as MIME: UTF-8 text, with any header that is not plain ASCII (a subject such as "Café – £500", a
    /// sender's display name) written as RFC 2047 encoded words, as mail servers and mail programs expect.
    /// </summary>
    internal static MimeMessage Compose(OutboxMessage message, string from)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = message.CreatedAt };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.MessageId = $"{message.Id:N}@commissioning";

        // 8bit keeps a file in the mail folder readable as it is (links unbroken); the SMTP client re-encodes the
        // body if the server cannot take 8-bit text.
        mime.Body = new TextPart(TextFormat.Plain) { Text = message.Body, ContentTransferEncoding = ContentEncoding.EightBit };
        return mime;
    }

    private async Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mime = Compose(message, options.From);
        using var client = new SmtpClient();
        var security = !options.SmtpUseTls ? SecureSocketOptions.None : options.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUserName))
        {
            await client.AuthenticateAsync(options.SmtpUserName, options.SmtpPassword ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return "smtp";
    }

    private async Task<string> WriteToFolderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(database.DataFolder, "mail");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id:N}.eml");
        using var mime = Compose(message, options.From);
        await mime.WriteToAsync(MailFileFormat, path, cancellationToken);
        return path;
    }
}
