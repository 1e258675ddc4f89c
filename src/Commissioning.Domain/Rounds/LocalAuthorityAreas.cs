namespace Commissioning.Domain.Rounds;

/// <summary>A local-authority area (a unitary authority or a district) by its ONS code, and the police force area it lies in.</summary>
public sealed record LocalAuthorityArea(string OnsCode, string Name, string PoliceForceArea);

/// <summary>
/// The local-authority areas a round can cover and applicants pick from, by ONS code (E06 unitary authorities, E07
/// non-metropolitan districts; 2023 boundaries). The list is <c>local-authority-areas.csv</c>, built into the
/// service: the districts of the force areas the service is set up for (Thames Valley, Durham, Cambridgeshire).
/// Another force's areas are added as rows to that file.
/// </summary>
public static class LocalAuthorityAreas
{
    private static readonly Lazy<IReadOnlyList<LocalAuthorityArea>> Areas = new(Load);

    public static IReadOnlyList<LocalAuthorityArea> All => Areas.Value;

    public static LocalAuthorityArea? Find(string onsCode) => All.FirstOrDefault(a => string.Equals(a.OnsCode, onsCode, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<LocalAuthorityArea> Load()
    {
        using var stream = typeof(LocalAuthorityAreas).Assembly.GetManifestResourceStream("Commissioning.Domain.Rounds.local-authority-areas.csv")
            ?? throw new InvalidOperationException("The list of local-authority areas is missing from the build.");
        using var reader = new StreamReader(stream);
        var areas = new List<LocalAuthorityArea>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            areas.Add(new LocalAuthorityArea(parts[0].Trim(), parts[1].Trim(), parts[2].Trim()));
        }

        return areas.OrderBy(a => a.PoliceForceArea, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ToList().AsReadOnly();
    }
}
