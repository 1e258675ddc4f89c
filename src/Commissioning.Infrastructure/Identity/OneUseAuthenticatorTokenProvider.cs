using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Commissioning.Infrastructure.Identity;

/// <summary>What became of a code from an authenticator app.</summary>
public enum AuthenticatorCodeCheck
{
    Accepted,
    Wrong,
    AlreadyUsed,
}

/// <summary>
/// Codes from an authenticator app (RFC 6238: 30-second steps, 6 digits, HMAC-SHA1, as Identity's own provider
/// makes them), each accepted once. Identity's provider accepts a code as often as it likes for the minutes it is
/// valid, so a code seen over a shoulder or in a browser's history would sign in again; this one keeps the time step
/// of the last accepted code on the account (<see cref="AppUser.AuthenticatorTimeStepUsed"/>) and refuses a code
/// from that step or an earlier one. Saving that step checks the account's concurrency stamp, so two requests with
/// one code at the same moment cannot both succeed.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>As Identity's provider: codes from two steps either side of now, for a phone's clock a minute out.</summary>
    private const int StepsEitherSide = 2;

    private const int StepSeconds = 30;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user) =>
        await CheckAsync(token, manager, user) == AuthenticatorCodeCheck.Accepted;

    /// <summary>Accepts the code and records its time step, or says why not.</summary>
    public async Task<AuthenticatorCodeCheck> CheckAsync(string code, UserManager<AppUser> manager, AppUser user)
    {
        var step = await MatchingStepAsync(code, manager, user);
        if (step is null)
        {
            return AuthenticatorCodeCheck.Wrong;
        }

        if (step <= user.AuthenticatorTimeStepUsed)
        {
            return AuthenticatorCodeCheck.AlreadyUsed;
        }

        user.AuthenticatorTimeStepUsed = step;
        var saved = await manager.UpdateAsync(user);
        return saved.Succeeded ? AuthenticatorCodeCheck.Accepted : AuthenticatorCodeCheck.AlreadyUsed;
    }

    /// <summary>Whether the code is a right one that has been accepted before, without accepting it: to tell the person why it was refused.</summary>
    public async Task<bool> WasUsedBeforeAsync(string code, UserManager<AppUser> manager, AppUser user) =>
        await MatchingStepAsync(code, manager, user) is { } step && step <= user.AuthenticatorTimeStepUsed;

    /// <summary>The newest time step near now whose code is <paramref name="code"/>, preferring one not yet used.</summary>
    private async Task<long?> MatchingStepAsync(string code, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var given))
        {
            return null;
        }

        var keyBytes = FromBase32(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        long? used = null;
        for (var step = now + StepsEitherSide; step >= now - StepsEitherSide; step--)
        {
            if (Code(keyBytes, step) != given)
            {
                continue;
            }

            if (!(step <= user.AuthenticatorTimeStepUsed))
            {
                return step;
            }

            used ??= step;
        }

        return used;
    }

    private static int Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0f;
        return (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
    }

    /// <summary>Identity keeps the key as RFC 4648 base 32 (upper case, no padding).</summary>
    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not base 32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
