namespace Commissioning.Workflows.Definitions;

/// <summary>A definition that cannot be used: the message names the file and the element (as a JSON pointer).</summary>
public sealed class WorkflowDefinitionException(string file, string element, string problem)
    : Exception($"{file}: {element}: {problem}")
{
    public string File { get; } = file;

    public string Element { get; } = element;
}
