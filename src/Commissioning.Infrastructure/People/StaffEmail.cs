using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Commissioning.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Commissioning.Infrastructure.People;

/// <summary>The e-mail address a staff account is made with, checked as the sign-up pages check an address.</summary>
public static class StaffEmail
{
    public const int MaxLength = 256;

    public static string NotAnAddress(string? text) =>
        $"'{text}' is not an email address. Enter an email address in the correct format, like name@example.org.";

    /// <summary>The address trimmed, or null when it is not an e-mail address.</summary>
    public static string? Normalise(string? text)
    {
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && trimmed.Length <= MaxLength
            && new EmailAddressAttribute().IsValid(trimmed)
            && MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            ? trimmed
            : null;
    }

    internal static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
