namespace Commissioning.Infrastructure.Persistence;

/// <summary>Who is making a change, for the audit log: the signed-in person, or the service itself.</summary>
public interface ICurrentActor
{
    string Name { get; }
}

public sealed class SystemActor : ICurrentActor
{
    public string Name => "system";
}
