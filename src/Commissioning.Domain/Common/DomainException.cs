namespace Commissioning.Domain.Common;

/// <summary>
/// The one exception the domain throws when a rule is broken or a transition is not allowed.
/// Its message is written for the person who caused it and says what to do.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
