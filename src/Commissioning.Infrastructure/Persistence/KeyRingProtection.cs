using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Commissioning.Infrastructure.Organisations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>Settings of section "DataProtection": the certificate that encrypts the key ring kept in the database.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>The certificate's path when none is configured (outside Production only), relative to the content root and outside the data folder.</summary>
    public const string DefaultCertificatePath = "keys/data-protection.pfx";

    /// <summary>A PKCS #12 (.pfx) file with an RSA certificate and its private key. Required in Production; elsewhere generated at this path (or the default) on first run.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest. The database holds only encrypted keys, so a
/// copy of the database (and the data folder backed up with it) neither reads bank details nor forges sign-in
/// cookies: that needs this certificate too, which is kept elsewhere and backed up separately.
/// </summary>
public static class KeyRingCertificate
{
    public static X509Certificate2 Load(IConfiguration configuration, string contentRoot, string dataFolder, bool isProduction)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (string.IsNullOrWhiteSpace(options.CertificatePath) && isProduction)
        {
            throw new InvalidOperationException(
                "DataProtection:CertificatePath is not set in the Production environment. The key ring that encrypts bank details and signs sign-in cookies must be encrypted " +
                "with a certificate kept outside the database and the data folder: set DataProtection:CertificatePath to a .pfx file (and DataProtection:CertificatePassword if it has one).");
        }

        var path = Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(options.CertificatePath) ? KeyRingOptions.DefaultCertificatePath : options.CertificatePath));
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataFolder)) + Path.DirectorySeparatorChar;
        if (path.StartsWith(data, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath ({path}) is inside the data folder ({dataFolder}), which is backed up with the database: a backup would then hold the key to every bank record. Keep the certificate in a folder of its own.");
        }

        if (!File.Exists(path))
        {
            if (isProduction)
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath names {path}, which does not exist. Restore the key ring's certificate from its backup, or give the path of the one in use.");
            }

            Generate(path, options.CertificatePassword);
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            {
                throw new InvalidOperationException($"The key ring's certificate {path} has no RSA private key. Use a .pfx file with an RSA certificate and its private key.");
            }

            return certificate;
        }
        catch (CryptographicException problem)
        {
            throw new InvalidOperationException($"The key ring's certificate {path} could not be read ({problem.Message}). Check DataProtection:CertificatePassword.", problem);
        }
    }

    /// <summary>A self-signed certificate for a machine that has none (never in Production), written so only its owner can read it.</summary>
    private static void Generate(string path, string? password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Commissioning Data Protection key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var written = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(written, certificate.Export(X509ContentType.Pkcs12, password));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(written, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two processes starting at once on a new machine: the first one's certificate wins, and both use it.
            File.Move(written, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(written);
        }
    }
}

/// <summary>
/// Replaces keys an earlier release stored unencrypted: a new key is made (encrypted with the certificate), every
/// value protected with Data Protection is protected again under it, and the old keys are revoked and deleted, so
/// they decrypt nothing still stored. In Production, start-up stops if an unencrypted key would remain.
/// </summary>
/// <remarks>
/// The upgrade works through a Data Protection container of its own (<paramref name="ownKeyRing"/>), not the app's:
/// the app's key ring provider returns a cached ring while it refreshes in the background, so had the upgrade loaded
/// it, the first requests could still be served with the removed keys (an old sign-in cookie would open a page).
/// </remarks>
public sealed class KeyRingUpgrade(CommissioningDbContext db, Func<ServiceProvider> ownKeyRing, TimeProvider clock, ILogger<KeyRingUpgrade> logger)
{
    private static readonly XName RequiresEncryption = XName.Get("requiresEncryption", "http://schemas.asp.net/2015/03/dataProtection");

    /// <summary>A key whose secret is stored in clear: Data Protection marks such parts as needing encryption, and encrypting replaces them.</summary>
    public static bool IsUnprotected(string xml)
    {
        var element = XElement.Parse(xml);
        return element.Name.LocalName == "key" && element.DescendantsAndSelf().Any(e => (bool?)e.Attribute(RequiresEncryption) == true);
    }

    public async Task ProtectKeyRingAsync(bool isProduction, CancellationToken cancellationToken = default)
    {
        var unprotected = (await db.DataProtectionKeys.AsNoTracking().ToListAsync(cancellationToken)).Where(k => IsUnprotected(k.Xml)).ToList();
        if (unprotected.Count > 0)
        {
            await using var keyRing = ownKeyRing();
            var keys = keyRing.GetRequiredService<IKeyManager>();
            var protection = keyRing.GetRequiredService<IDataProtectionProvider>();
            var now = clock.GetUtcNow();
            keys.CreateNewKey(now, now.AddDays(90));
            var bankDetails = protection.CreateProtector(BankDetailsVault.Purpose);
            var rows = await db.Set<ProtectedBankDetails>().ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                row.Protected = bankDetails.Protect(bankDetails.Unprotect(row.Protected));
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var key in unprotected)
            {
                if (Guid.TryParse(XElement.Parse(key.Xml).Attribute("id")?.Value, out var keyId))
                {
                    keys.RevokeKey(keyId, "Stored unencrypted; replaced by a key encrypted with the key ring's certificate.");
                }
            }

            await db.DataProtectionKeys.Where(k => unprotected.Select(u => u.Id).Contains(k.Id)).ExecuteDeleteAsync(cancellationToken);
            logger.LogWarning("Replaced {Count} unencrypted Data Protection keys with a key encrypted by the key ring's certificate and protected {Rows} bank records again under it. Sign-in cookies and links in e-mails sent before now no longer work.", unprotected.Count, rows.Count);
        }

        if (isProduction && (await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken)).Any(IsUnprotected))
        {
            throw new InvalidOperationException("The Data Protection key ring in the database holds a key that is not encrypted. Every key must be encrypted with the certificate named in DataProtection:CertificatePath.");
        }
    }
}
