using System.Globalization;

namespace Commissioning.Domain.Common;

/// <summary>
/// How many files, and how many bytes in all, one holder (an organisation's documents, one application's answers)
/// may keep at once. Only what the holder holds now counts: a replaced or removed file stops counting the moment it
/// is replaced or removed. Without a quota anyone signed in could fill the server's disk with uploads.
/// </summary>
public sealed record UploadQuota
{
    public const int MegabyteInBytes = 1024 * 1024;

    public UploadQuota(int maxFiles, int maxTotalMegabytes)
    {
        if (maxFiles < 1 || maxTotalMegabytes < 1)
        {
            throw new DomainException($"An upload quota must allow at least one file and one megabyte; {maxFiles} files and {maxTotalMegabytes} MB do not.");
        }

        MaxFiles = maxFiles;
        MaxTotalMegabytes = maxTotalMegabytes;
    }

    /// <summary>What an organisation may keep unless configured otherwise.</summary>
    public static UploadQuota OrganisationDefault { get; } = new(50, 200);

    /// <summary>What one application may keep unless configured otherwise.</summary>
    public static UploadQuota ApplicationDefault { get; } = new(20, 100);

    public int MaxFiles { get; }

    public int MaxTotalMegabytes { get; }

    public long MaxTotalBytes => (long)MaxTotalMegabytes * MegabyteInBytes;

    /// <summary>
    /// Refuses a file of <paramref name="sizeInBytes"/> when adding it to the files held (of the sizes given) would
    /// go beyond the quota, with a message saying what the holder holds and what to do.
    /// </summary>
    /// <param name="held">The sizes of the files held now, not counting any the new one replaces.</param>
    /// <param name="sizeInBytes">The size of the file to add.</param>
    /// <param name="holder">Who holds them, as the start of a sentence: "This organisation", "This application".</param>
    /// <param name="noun">What one of them is called: "document", "file".</param>
    public void EnsureRoomFor(IReadOnlyCollection<long> held, long sizeInBytes, string holder, string noun)
    {
        ArgumentNullException.ThrowIfNull(held);
        var total = held.Sum();
        if (held.Count < MaxFiles && total + sizeInBytes <= MaxTotalBytes)
        {
            return;
        }

        var holds = held.Count == 1 ? $"1 {noun}" : $"{held.Count} {noun}s";
        var limit = held.Count >= MaxFiles
            ? $"the most it may keep is {MaxFiles} {noun}s"
            : $"the most it may keep is {MaxTotalMegabytes} MB, so there is no room for this one of {Describe(sizeInBytes)}";
        throw new DomainException($"{holder} already holds {holds}, {Describe(total)} in all, and {limit}. Remove a {noun} you no longer need, then upload this one.");
    }

    /// <summary>A size as people read it: bytes, whole kilobytes, or megabytes (whole where they are whole, otherwise to one decimal place).</summary>
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < MegabyteInBytes => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1024m):0} KB"),
        _ when bytes % MegabyteInBytes == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / MegabyteInBytes} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (decimal)MegabyteInBytes:0.0} MB"),
    };
}
