namespace Commissioning.Domain.Common;

/// <summary>Every entity id is its own type wrapping a <see cref="Guid"/> (version 7, so ids sort by creation).</summary>
public interface IStronglyTypedId<TSelf> where TSelf : struct, IStronglyTypedId<TSelf>
{
    Guid Value { get; }

    static abstract TSelf From(Guid value);
}

internal static class Ids
{
    public static Guid NewValue() => Guid.CreateVersion7();
}
