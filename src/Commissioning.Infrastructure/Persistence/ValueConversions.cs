using System.Text.Json;
using Commissioning.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>The one place value objects meet the database: ids as GUIDs, money as whole pence, years as their start year.</summary>
internal static class ValueConversions
{
    public static void Register(ModelConfigurationBuilder builder, bool isSqlite)
    {
        builder.Properties<Money>().HaveConversion<MoneyConverter>();
        builder.Properties<FinancialYear>().HaveConversion<FinancialYearConverter>();
        foreach (var idType in typeof(IStronglyTypedId<>).Assembly.GetTypes().Where(IsStronglyTypedId))
        {
            builder.Properties(idType).HaveConversion(typeof(StronglyTypedIdConverter<>).MakeGenericType(idType));
        }

        if (isSqlite)
        {
            // SQLite has no date-time type; whole UTC ticks keep instants sortable and comparable in SQL.
            builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    private static bool IsStronglyTypedId(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStronglyTypedId<>));

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Pence, p => Money.FromPence(p));

    private sealed class FinancialYearConverter() : ValueConverter<FinancialYear, int>(y => y.StartYear, s => new FinancialYear(s));

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(d => d.UtcTicks, t => new DateTimeOffset(t, TimeSpan.Zero));

    private sealed class StronglyTypedIdConverter<TId>() : ValueConverter<TId, Guid>(id => id.Value, g => FromGuid(g))
        where TId : struct, IStronglyTypedId<TId>
    {
        private static TId FromGuid(Guid value) => TId.From(value);
    }
}

/// <summary>Stores a value object as JSON text, compared by its JSON so changes inside it are saved.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static ValueConverter<T, string> Converter<T>() =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!);

    public static ValueComparer<T> Comparer<T>() =>
        new((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options), v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal), v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
}
