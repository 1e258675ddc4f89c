using Microsoft.AspNetCore.Identity;
using Zxcvbn.Matcher;

namespace Commissioning.Infrastructure.Identity;

/// <summary>
/// Refuses a password that is easy to guess, as zxcvbn judges it: common passwords, repeats, sequences, keyboard
/// rows, dates, and the person's own e-mail address, name or the service's name, which an attacker tries first.
/// Identity runs it wherever a password is set (creating an account, resetting or changing a password), beside the
/// minimum length. zxcvbn-core 1.1.17 gives a score and the patterns it found but no advice, so the advice is
/// written here from those patterns.
/// </summary>
public sealed class PasswordStrength(string serviceName) : IPasswordValidator<AppUser>
{
    /// <summary>zxcvbn's scores run from 0 (too guessable) to 4; 3 is "safely unguessable" for an online attack.</summary>
    public const int MinimumScore = 3;

    public const string Code = "PasswordTooEasyToGuess";

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var advice = Advice(password, user.Email ?? user.UserName, user.FullName);
        return Task.FromResult(advice is null ? IdentityResult.Success : IdentityResult.Failed(new IdentityError { Code = Code, Description = advice }));
    }

    /// <summary>Null when the password is strong enough; otherwise what is wrong with it and what to do instead.</summary>
    public string? Advice(string password, string? email, string? fullName)
    {
        var result = new Zxcvbn.Zxcvbn(Zxcvbn.Translation.English).EvaluatePassword(password, WordsToPenalise(email, fullName, serviceName));
        if (result.Score >= MinimumScore)
        {
            return null;
        }

        return $"Your password is too easy to guess: {Why(result.MatchSequence)}. Use three or four random words together, or add another word that is not common";
    }

    /// <summary>
    /// In lower case: the e-mail address, the part before the @ and its pieces (jo.bloggs: jo, bloggs), the name and
    /// its words, and the service's name. The domain is left out: an office's own domain would make every password
    /// that names the office's work look weak.
    /// </summary>
    public static IReadOnlyList<string> WordsToPenalise(string? email, string? fullName, string serviceName)
    {
        char[] separators = [' ', '.', '-', '_', '+', '\''];
        var words = new List<string>();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim().ToLowerInvariant();
            words.Add(address);
            if (address.IndexOf('@', StringComparison.Ordinal) is var at and > 0)
            {
                words.Add(address[..at]);
                words.AddRange(address[..at].Split(separators, StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length >= 3));
            }
        }

        foreach (var name in new[] { fullName, serviceName })
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                var lower = name.Trim().ToLowerInvariant();
                words.Add(lower);
                words.Add(lower.Replace(" ", string.Empty, StringComparison.Ordinal));
                words.AddRange(lower.Split(separators, StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length >= 3));
            }
        }

        return [.. words.Distinct(StringComparer.Ordinal)];
    }

    private static string Why(IEnumerable<Zxcvbn.Match> matches)
    {
        var found = matches.ToList();
        if (found.OfType<DictionaryMatch>().Any(m => m.DictionaryName == "user_inputs"))
        {
            return "it contains your email address, your name or the name of this service";
        }

        if (found.OfType<DictionaryMatch>().Any(m => m.DictionaryName == "passwords"))
        {
            return "it is, or contains, a password that many people use";
        }

        return found.Select(m => m.Pattern).FirstOrDefault(p => p is "repeat" or "sequence" or "spatial" or "date" or "year" or "digits") switch
        {
            "repeat" => "it repeats the same characters or words, like aaaa or abcabc",
            "sequence" => "it contains a sequence, like abcd or 1234",
            "spatial" => "it contains keys that are next to each other on a keyboard, like qwerty",
            "date" or "year" => "it contains a date or a year, which are easy to guess",
            "digits" => "it contains a long run of digits",
            _ => "it is made of common words or names",
        };
    }
}
