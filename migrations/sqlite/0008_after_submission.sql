-- 0008: after submission: officers' clarification questions and the applicant's answers, and the applicant's
-- answer to an offer (accepted by a named signatory, recorded with time and IP address, or declined with a reason).
CREATE TABLE "ApplicationClarifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApplicationClarifications" PRIMARY KEY,
    "ApplicationId" TEXT NOT NULL,
    "Question" TEXT NOT NULL,
    "AskedBy" TEXT NOT NULL,
    "AskedAt" INTEGER NOT NULL,
    "Answer" TEXT NULL,
    "AnsweredBy" TEXT NULL,
    "AnsweredAt" INTEGER NULL,
    "Revision" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_ApplicationClarifications_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OfferResponses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OfferResponses" PRIMARY KEY,
    "ApplicationId" TEXT NOT NULL,
    "Decision" INTEGER NOT NULL,
    "SignatoryName" TEXT NULL,
    "SignatoryRole" TEXT NULL,
    "SignedOn" TEXT NULL,
    "DeclineReason" TEXT NULL,
    "RespondedAt" INTEGER NOT NULL,
    "IpAddress" TEXT NULL,
    "UserId" TEXT NOT NULL,
    "RespondedBy" TEXT NOT NULL,
    CONSTRAINT "FK_OfferResponses_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ApplicationClarifications_ApplicationId" ON "ApplicationClarifications" ("ApplicationId");

CREATE UNIQUE INDEX "IX_OfferResponses_ApplicationId" ON "OfferResponses" ("ApplicationId");
