using Commissioning.Domain.Common;
using Microsoft.Extensions.Configuration;

namespace Commissioning.Infrastructure.Files;

/// <summary>
/// The upload quotas of this installation, from the "Uploads" settings: <c>Uploads:PerOrganisation:MaxFiles</c> and
/// <c>MaxTotalMegabytes</c> for an organisation's documents, <c>Uploads:PerApplication:…</c> for one application's
/// files. Each file is also limited on its own (<see cref="UploadStore.MaxBytes"/>).
/// </summary>
public sealed record UploadQuotas(UploadQuota PerOrganisation, UploadQuota PerApplication)
{
    public const string Section = "Uploads";

    public static UploadQuotas Default { get; } = new(UploadQuota.OrganisationDefault, UploadQuota.ApplicationDefault);

    /// <summary>Reads the settings; a setting that is not a whole number of at least 1 stops start-up, naming it.</summary>
    public static UploadQuotas From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new UploadQuotas(
            Read(configuration, "PerOrganisation", UploadQuota.OrganisationDefault),
            Read(configuration, "PerApplication", UploadQuota.ApplicationDefault));
    }

    private static UploadQuota Read(IConfiguration configuration, string holder, UploadQuota defaults) => new(
        Setting(configuration, $"{Section}:{holder}:{nameof(UploadQuota.MaxFiles)}", defaults.MaxFiles),
        Setting(configuration, $"{Section}:{holder}:{nameof(UploadQuota.MaxTotalMegabytes)}", defaults.MaxTotalMegabytes));

    private static int Setting(IConfiguration configuration, string key, int defaultValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number of at least 1; it is '{text}'.");
    }
}
