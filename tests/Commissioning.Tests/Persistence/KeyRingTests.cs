using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml.Linq;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Persistence;

/// <summary>
/// A copy of the database and the data folder is not a master key: the Data Protection key ring in the database is
/// encrypted with a certificate kept elsewhere, so without it neither bank details nor sign-in cookies can be had.
/// </summary>
public abstract class KeyRingTests(CommissioningApp app)
{
    private const string RiversideMember = "applicant@demo.commissioning.test";

    private const string AdminPage = "/Admin/Workflows";

    [Fact]
    public async Task With_only_the_database_and_the_data_folder_bank_details_cannot_be_read_nor_a_sign_in_cookie_forged()
    {
        var riverside = await RiversideAsync(app.Database);
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var accountNumber = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostFormAsync($"/Organisations/{riverside.Id}/Bank", new() { ["Input.AccountName"] = "Riverside Youth Project", ["Input.SortCode"] = "30-94-56", ["Input.AccountNumber"] = accountNumber })).StatusCode);
        var sealedDetails = await ProtectedBankDetailsAsync(app.Database, riverside.Id);
        var copiedKeys = await KeyRowsAsync(app.Database);
        var admin = await UserAsync(app.Database, "admin@demo.commissioning.test");

        using (var thief = DataProtection(new KeysInMemory(copiedKeys), certificate: null))
        {
            Assert.ThrowsAny<CryptographicException>(() => thief.GetRequiredService<IDataProtectionProvider>().CreateProtector(BankDetailsVault.Purpose).Unprotect(sealedDetails));
            Assert.ThrowsAny<CryptographicException>(() => ForgeSignInCookie(thief, admin));
        }

        using (var thiefWithAnotherCertificate = DataProtection(new KeysInMemory(copiedKeys), NewCertificate()))
        {
            Assert.ThrowsAny<CryptographicException>(() => thiefWithAnotherCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector(BankDetailsVault.Purpose).Unprotect(sealedDetails));
            Assert.ThrowsAny<CryptographicException>(() => ForgeSignInCookie(thiefWithAnotherCertificate, admin));
        }

        // The same steps with the certificate as well do read the details and forge a cookie the app accepts: only the certificate stops them.
        using var withCertificate = DataProtection(new KeysInMemory(copiedKeys), X509CertificateLoader.LoadPkcs12FromFile(app.Database.KeyRingCertificatePath, null));
        Assert.Contains(accountNumber, withCertificate.GetRequiredService<IDataProtectionProvider>().CreateProtector(BankDetailsVault.Purpose).Unprotect(sealedDetails), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(app.App, AdminPage, ForgeSignInCookie(withCertificate, admin))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(app.App, AdminPage, null)).StatusCode);
    }

    [Fact]
    public async Task On_upgrade_unencrypted_keys_are_replaced_and_bank_details_protected_again_so_the_old_keys_open_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(app.Provider);
        await using (var first = new CommissioningApp.Factory(database, "Testing"))
        {
            _ = first.Server;
        }

        // The key ring and a bank record as an earlier release left them: keys stored in clear in the database.
        var riverside = await RiversideAsync(database);
        var admin = await UserAsync(database, "admin@demo.commissioning.test");
        await using (var db = database.NewContext())
        {
            await db.DataProtectionKeys.ExecuteDeleteAsync();
            await db.Set<ProtectedBankDetails>().ExecuteDeleteAsync();
        }

        string oldCookie;
        await using (var db = database.NewContext())
        {
            using var earlierRelease = DataProtection(new KeysInDatabase(database), certificate: null, makeKeys: true);
            var sealedDetails = earlierRelease.GetRequiredService<IDataProtectionProvider>().CreateProtector(BankDetailsVault.Purpose)
                .Protect(JsonSerializer.Serialize(new { AccountName = "Riverside Youth Project", SortCode = "309456", AccountNumber = "12345678", RollNumber = (string?)null }));
            db.Add(new ProtectedBankDetails { OrganisationId = riverside.Id, Protected = sealedDetails, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            oldCookie = ForgeSignInCookie(earlierRelease, admin);
        }

        var oldKeys = await KeyRowsAsync(database);
        Assert.Contains(oldKeys, k => k.ToString().Contains("requiresEncryption", StringComparison.Ordinal));
        using (var before = DataProtection(new KeysInMemory(oldKeys), certificate: null))
        {
            Assert.Contains("12345678", before.GetRequiredService<IDataProtectionProvider>().CreateProtector(BankDetailsVault.Purpose).Unprotect(await ProtectedBankDetailsAsync(database, riverside.Id)), StringComparison.Ordinal);
        }

        await using var upgraded = new CommissioningApp.Factory(database, "Testing");
        _ = upgraded.Server;

        // The app's own key ring, as its first request after start-up sees it, opens nothing with the removed keys.
        var ring = upgraded.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
        foreach (var oldKey in oldKeys.Where(k => k.Name.LocalName == "key"))
        {
            var encryptor = ring.GetAuthenticatedEncryptorByKeyId(Guid.Parse(oldKey.Attribute("id")!.Value), out var revoked);
            Assert.True(encryptor is null || revoked, "The app still held a removed key after the upgrade.");
        }

        var keys = await KeyRowsAsync(database);
        Assert.DoesNotContain(keys, k => k.ToString().Contains("requiresEncryption", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Name.LocalName == "key" && k.ToString().Contains("encryptedSecret", StringComparison.Ordinal));
        await using (var scope = upgraded.Services.CreateAsyncScope())
        {
            var details = await scope.ServiceProvider.GetRequiredService<BankDetailsVault>().ReadAsync(riverside.Id);
            Assert.Equal("12345678", details!.AccountNumber);
        }

        var sealedNow = await ProtectedBankDetailsAsync(database, riverside.Id);
        using (var withOldKeys = DataProtection(new KeysInMemory(oldKeys), certificate: null))
        {
            Assert.ThrowsAny<CryptographicException>(() => withOldKeys.GetRequiredService<IDataProtectionProvider>().CreateProtector(BankDetailsVault.Purpose).Unprotect(sealedNow));
        }

        var refused = await GetWithCookieAsync(upgraded, AdminPage, oldCookie);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/SignIn", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_refuses_to_start_without_a_certificate_for_the_key_ring()
    {
        using var production = new CommissioningApp.Factory(app.Database, "Production", new Dictionary<string, string>
        {
            ["Service:PublicAddress"] = "https://grants.example.org",
            ["Demo:SeedOnFirstRun"] = "false",
            ["DataProtection:CertificatePath"] = "",
        });

        var error = Assert.Throws<InvalidOperationException>(() => production.Server);

        Assert.Contains("DataProtection:CertificatePath is not set in the Production environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_certificate_may_not_be_kept_in_the_data_folder_that_is_backed_up_with_the_database()
    {
        using var careless = new CommissioningApp.Factory(app.Database, "Testing", new Dictionary<string, string>
        {
            ["DataProtection:CertificatePath"] = Path.Combine(app.Database.DataFolder, "keys", "data-protection.pfx"),
        });

        var error = Assert.Throws<InvalidOperationException>(() => careless.Server);

        Assert.Contains("is inside the data folder", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider DataProtection(IXmlRepository keys, X509Certificate2? certificate, bool makeKeys = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddDataProtection().SetApplicationName("Commissioning");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = keys);
        if (!makeKeys)
        {
            builder.DisableAutomaticKeyGeneration();
        }

        if (certificate is not null)
        {
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A sign-in cookie for the user as the app would issue it, made with whatever keys the provider can use.</summary>
    private static string ForgeSignInCookie(ServiceProvider dataProtection, AppUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName!));
        identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Admin));
        identity.AddClaim(new Claim("AspNet.Identity.SecurityStamp", user.SecurityStamp ?? string.Empty));
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, IdentityConstants.ApplicationScheme);
        var protector = dataProtection.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2");
        return new TicketDataFormat(protector).Protect(ticket);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(WebApplicationFactory<Program> factory, string url, string? cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"commissioning.auth={cookie}");
        }

        return await client.SendAsync(request);
    }

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Someone else", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task<Organisation> RiversideAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Riverside Youth Project");
    }

    private static async Task<AppUser> UserAsync(TestDatabase database, string email)
    {
        await using var db = database.NewContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private static async Task<string> ProtectedBankDetailsAsync(TestDatabase database, Commissioning.Domain.Common.OrganisationId id)
    {
        await using var db = database.NewContext();
        return await db.Set<ProtectedBankDetails>().AsNoTracking().Where(b => b.OrganisationId == id).Select(b => b.Protected).SingleAsync();
    }

    private static async Task<List<XElement>> KeyRowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (await db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToListAsync()).Select(XElement.Parse).ToList();
    }

    /// <summary>Key rows copied out of the database: what someone holding a copy of it has.</summary>
    private sealed class KeysInMemory(List<XElement> keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys.Select(k => new XElement(k)).ToList();

        public void StoreElement(XElement element, string friendlyName) => keys.Add(element);
    }

    /// <summary>The key ring in the database, written as an earlier release wrote it.</summary>
    private sealed class KeysInDatabase(TestDatabase database) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var db = database.NewContext();
            return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var db = database.NewContext();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }
}

public sealed class KeyRingTestsOnSqlite(SqliteApp app) : KeyRingTests(app), IClassFixture<SqliteApp>;

public sealed class KeyRingTestsOnPostgres(PostgresApp app) : KeyRingTests(app), IClassFixture<PostgresApp>;
