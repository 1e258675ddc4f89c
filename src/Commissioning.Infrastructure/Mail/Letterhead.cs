namespace Commissioning.Infrastructure.Mail;

/// <summary>
/// How e-mails sent without a web request (scheduled reminders) sign off and link back: the service's name, the
/// office's name, and the address links start with. Web requests build links from the request or the public address;
/// a job has neither request nor host, so it is given the address at start-up.
/// </summary>
public sealed record Letterhead(string ServiceName, string OpccName, string Address)
{
    public string LinkTo(string pathAndQuery) => Address.TrimEnd('/') + pathAndQuery;

    public string Letter(string fullName, params string[] paragraphs) =>
        $"Dear {fullName},\r\n\r\n{string.Join("\r\n\r\n", paragraphs)}\r\n\r\n{ServiceName}\r\n{OpccName}\r\n";
}
