using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class UploadQuotaRuleTests
{
    private const long Megabyte = UploadQuota.MegabyteInBytes;

    private static readonly DateTimeOffset Now = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_quota_refuses_a_file_beyond_its_count_or_its_total_and_says_what_is_held_and_what_to_do()
    {
        var quota = new UploadQuota(3, 20);

        quota.EnsureRoomFor([5 * Megabyte, 5 * Megabyte], 10 * Megabyte, "This application", "file");

        Assert.Equal(
            "This application already holds 3 files, 3 MB in all, and the most it may keep is 3 files. Remove a file you no longer need, then upload this one.",
            Refusal.Of(() => quota.EnsureRoomFor([Megabyte, Megabyte, Megabyte], 1, "This application", "file")));
        Assert.Equal(
            "This organisation already holds 2 documents, 15.5 MB in all, and the most it may keep is 20 MB, so there is no room for this one of 4.6 MB. Remove a document you no longer need, then upload this one.",
            Refusal.Of(() => quota.EnsureRoomFor([10 * Megabyte, (11 * Megabyte) / 2], (46 * Megabyte) / 10, "This organisation", "document")));
    }

    [Fact]
    public void A_quota_allows_at_least_one_file_and_one_megabyte()
    {
        Assert.Contains("at least one file and one megabyte", Refusal.Of(() => _ = new UploadQuota(0, 100)), StringComparison.Ordinal);
        Assert.Contains("at least one file and one megabyte", Refusal.Of(() => _ = new UploadQuota(10, 0)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_organisation_counts_only_the_documents_it_holds_so_a_replacement_fits_where_one_more_does_not()
    {
        var organisation = new Organisation("Quota Group", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
        var quota = new UploadQuota(2, 100);
        var first = organisation.AddDocument(DocumentKind.GoverningDocument, File("constitution.pdf"), Now, null, quota);
        organisation.AddDocument(DocumentKind.Other, File("minutes.pdf"), Now.AddMinutes(1), null, quota);

        var second = organisation.AddDocument(DocumentKind.GoverningDocument, File("constitution, amended.pdf"), Now.AddMinutes(2), null, quota);

        Assert.Equal(2, organisation.HeldDocuments.Count);
        Assert.Contains(second, organisation.HeldDocuments);
        Assert.DoesNotContain(first, organisation.HeldDocuments);
        Assert.Equal([first.Id], organisation.ReplacedDocuments.Select(d => d.Id));
        Assert.StartsWith("This organisation already holds 2 documents", Refusal.Of(() => organisation.AddDocument(DocumentKind.Other, File("more.pdf"), Now.AddMinutes(3), null, quota)), StringComparison.Ordinal);
        Assert.Equal(3, organisation.Documents.Count);
    }

    [Fact]
    public void Only_an_other_document_can_be_removed_and_then_it_stops_counting()
    {
        var organisation = new Organisation("Removal Group", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
        var quota = new UploadQuota(2, 100);
        var constitution = organisation.AddDocument(DocumentKind.GoverningDocument, File("constitution.pdf"), Now, null, quota);
        var minutes = organisation.AddDocument(DocumentKind.Other, File("minutes.pdf"), Now.AddMinutes(1), null, quota);

        Assert.Equal("A required document cannot be removed. Upload a newer one to replace it.", Refusal.Of(() => organisation.RemoveDocument(constitution.Id)));
        organisation.RemoveDocument(minutes.Id);
        organisation.EnsureRoomForDocument(DocumentKind.Other, Megabyte, quota);

        Assert.Equal([constitution.Id], organisation.HeldDocuments.Select(d => d.Id));
    }

    [Fact]
    public void An_application_counts_its_file_answers_and_a_file_replacing_one_does_not_add_to_them()
    {
        var form = Build.Form(Build.Question("a", QuestionType.FileUpload), Build.Question("b", QuestionType.FileUpload), Build.Question("c", QuestionType.FileUpload), Build.Question("notes"));
        var application = Build.Draft(Build.Round(form: form));
        var quota = new UploadQuota(2, 100);
        application.AnswerWithFile(form, "a", Answer("a.pdf"), quota, Now, "applicant@example.org");
        application.AnswerWithFile(form, "b", Answer("b.pdf"), quota, Now, "applicant@example.org");

        application.AnswerWithFile(form, "b", Answer("b2.pdf"), quota, Now, "applicant@example.org");

        Assert.Equal(["a.pdf", "b2.pdf"], application.FilesHeld(form).Select(f => f.FileName));
        Assert.StartsWith("This application already holds 2 files", Refusal.Of(() => application.AnswerWithFile(form, "c", Answer("c.pdf"), quota, Now, "applicant@example.org")), StringComparison.Ordinal);
        Assert.Equal("A file can only answer a question that asks for one.", Refusal.Of(() => application.AnswerWithFile(form, "notes", Answer("n.pdf"), quota, Now, "applicant@example.org")));
        Assert.Null(application.AnswerTo("c"));
    }

    private static StoredDocument File(string name) => new(name, $"{Guid.NewGuid():N}.pdf", "application/pdf", Megabyte);

    private static FileAnswer Answer(string name) => new($"{Guid.NewGuid():N}.pdf", name, "application/pdf", Megabyte);
}
