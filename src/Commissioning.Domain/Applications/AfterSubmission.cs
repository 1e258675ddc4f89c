using Commissioning.Domain.Common;

namespace Commissioning.Domain.Applications;

/// <summary>
/// A question an officer asks the applicant about a submitted application, and the applicant's answer. It can be
/// answered once, and only while the application is still being considered (not withdrawn, ineligible or declined).
/// </summary>
public sealed class Clarification
{
    public const int QuestionMaxLength = 2000;

    public const int AnswerMaxLength = 5000;

    private Clarification()
    {
        Question = string.Empty;
        AskedBy = string.Empty;
    }

    private Clarification(GrantApplicationId applicationId, string question, string askedBy, DateTimeOffset askedAt)
    {
        Id = Guid.CreateVersion7();
        ApplicationId = applicationId;
        Question = Text.Required(question, "question", QuestionMaxLength);
        AskedBy = Text.SingleLine(askedBy, "officer asking", 256);
        AskedAt = askedAt;
    }

    public Guid Id { get; private set; }

    public GrantApplicationId ApplicationId { get; private set; }

    public string Question { get; private set; }

    public string AskedBy { get; private set; }

    public DateTimeOffset AskedAt { get; private set; }

    public string? Answer { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsOpen => AnsweredAt is null;

    /// <summary>True while the office is still considering the application, so questions about it make sense.</summary>
    public static bool MayClarify(GrantApplication application) => application.Status is
        ApplicationStatus.Submitted or ApplicationStatus.InAssessment or ApplicationStatus.Recommended or ApplicationStatus.NotRecommended or ApplicationStatus.Approved;

    public static Clarification Ask(GrantApplication application, string question, string askedBy, DateTimeOffset at)
    {
        EnsureOpenFor(application);
        return new Clarification(application.Id, question, askedBy, at);
    }

    public void Respond(GrantApplication application, string answer, string by, DateTimeOffset at)
    {
        if (application.Id != ApplicationId)
        {
            throw new DomainException("This question is about a different application.");
        }

        if (!IsOpen)
        {
            throw new DomainException($"This question was already answered by {AnsweredBy}. An answer cannot be changed; contact us if something has changed since.");
        }

        EnsureOpenFor(application);
        Answer = Text.Required(answer, "answer", AnswerMaxLength);
        AnsweredBy = Text.SingleLine(by, "person answering", 256);
        AnsweredAt = at;
    }

    private static void EnsureOpenFor(GrantApplication application)
    {
        if (!MayClarify(application))
        {
            throw new DomainException($"This application is {GrantApplication.Describe(application.Status)}, so questions about it can no longer be asked or answered.");
        }
    }
}

public enum OfferDecision
{
    Accepted = 1,
    Declined = 2,
}

/// <summary>
/// The applicant's answer to the offer of a grant: accepted by a named signatory (with their role, the date they
/// signed, when and from where it was recorded), or declined with a reason. One per application.
/// </summary>
public sealed class OfferResponse
{
    public const int NameMaxLength = 200;

    public const int RoleMaxLength = 200;

    public const int ReasonMaxLength = 2000;

    private OfferResponse()
    {
        UserId = string.Empty;
        RespondedBy = string.Empty;
    }

    private OfferResponse(GrantApplication application, OfferDecision decision, DateTimeOffset at, string? ipAddress, string userId, string respondedBy)
    {
        if (application.Status != ApplicationStatus.Approved)
        {
            throw new DomainException($"This application is {GrantApplication.Describe(application.Status)}; only an approved application has an offer to accept or decline.");
        }

        Id = Guid.CreateVersion7();
        ApplicationId = application.Id;
        Decision = decision;
        RespondedAt = at;
        IpAddress = ipAddress is { Length: > 64 } ? ipAddress[..64] : ipAddress;
        UserId = Text.Required(userId, "user id", 450);
        RespondedBy = Text.SingleLine(respondedBy, "person responding", 256);
    }

    public Guid Id { get; private set; }

    public GrantApplicationId ApplicationId { get; private set; }

    public OfferDecision Decision { get; private set; }

    public string? SignatoryName { get; private set; }

    public string? SignatoryRole { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public string? DeclineReason { get; private set; }

    public DateTimeOffset RespondedAt { get; private set; }

    public string? IpAddress { get; private set; }

    public string UserId { get; private set; }

    public string RespondedBy { get; private set; }

    /// <summary>Accepts the offer. The signing date cannot be in the future (UK date <paramref name="today"/>).</summary>
    public static OfferResponse Accept(GrantApplication application, string signatoryName, string signatoryRole, DateOnly signedOn, DateOnly today, DateTimeOffset at, string? ipAddress, string userId, string respondedBy)
    {
        if (signedOn > today)
        {
            throw new DomainException("The date you sign the acceptance must be today or in the past.");
        }

        return new OfferResponse(application, OfferDecision.Accepted, at, ipAddress, userId, respondedBy)
        {
            SignatoryName = Text.SingleLine(signatoryName, "signatory's full name", NameMaxLength),
            SignatoryRole = Text.SingleLine(signatoryRole, "signatory's role in the organisation", RoleMaxLength),
            SignedOn = signedOn,
        };
    }

    public static OfferResponse Decline(GrantApplication application, string reason, DateTimeOffset at, string? ipAddress, string userId, string respondedBy) =>
        new(application, OfferDecision.Declined, at, ipAddress, userId, respondedBy)
        {
            DeclineReason = Text.Required(reason, "reason for declining the offer", ReasonMaxLength),
        };
}
