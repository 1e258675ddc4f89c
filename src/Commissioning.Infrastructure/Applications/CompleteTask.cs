using System.Text.Json.Nodes;
using Commissioning.Domain.Common;
using Commissioning.Workflows.Runtime;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// A member of staff completes a workflow task with an outcome, the inputs the definition asks for and a comment.
/// The workflow moves on in one transaction with the domain change its actions make; a refusal is the person's to act
/// on (someone else completed it first, a grant rule does not allow the change) or a fault the workflow has recorded
/// as an incident for an administrator, and nothing is saved.
/// </summary>
public sealed class CompleteTask(WorkflowRuntime runtime)
{
    public abstract record Result;

    public sealed record Completed : Result;

    public sealed record Refused(string Message) : Result;

    /// <param name="taskId">A task the page has shown to the person.</param>
    /// <param name="outcome">One of the task's outcomes, checked by the page.</param>
    /// <param name="data">The task's inputs, checked by the page; null when it asks none.</param>
    public async Task<Result> RunAsync(Guid taskId, string outcome, WorkflowActor actor, string? comment, JsonObject? data, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.CompleteTaskAsync(taskId, outcome, actor, comment, data, cancellationToken);
        }
        catch (Exception ex) when (ex is WorkflowException or WorkflowFaultException or DomainException)
        {
            return new Refused(ex.Message);
        }

        return new Completed();
    }
}
