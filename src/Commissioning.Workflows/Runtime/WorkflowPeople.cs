namespace Commissioning.Workflows.Runtime;

/// <summary>A person who can be given a task: the host's user id and the name shown to colleagues.</summary>
public sealed record WorkflowPerson(string UserId, string Name, string? Email);

/// <summary>
/// The host's people and their roles, which the engine asks when it looks for someone who may take a task copy. The
/// host registers one in its services; without one, the engine never asks anyone to assign a copy.
/// </summary>
public interface IWorkflowPeople
{
    /// <summary>Everyone who holds the role now, ordered by name.</summary>
    Task<IReadOnlyList<WorkflowPerson>> InRoleAsync(string role, CancellationToken cancellationToken);
}

/// <summary>
/// Who is asked to find someone for a task copy nobody may take (e.g. a grants officer, to assign another assessor
/// after the only other one declared a conflict), and the name their task has in inboxes.
/// </summary>
public sealed record AssignmentRequest(string Role, string Name);
