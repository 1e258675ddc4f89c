-- 0008: after submission: officers' clarification questions and the applicant's answers, and the applicant's
-- answer to an offer (accepted by a named signatory, recorded with time and IP address, or declined with a reason).
CREATE TABLE "ApplicationClarifications" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "Question" character varying(2000) NOT NULL,
    "AskedBy" character varying(256) NOT NULL,
    "AskedAt" timestamp with time zone NOT NULL,
    "Answer" character varying(5000),
    "AnsweredBy" character varying(256),
    "AnsweredAt" timestamp with time zone,
    "Revision" bigint NOT NULL DEFAULT 0,
    CONSTRAINT "PK_ApplicationClarifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApplicationClarifications_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OfferResponses" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "Decision" integer NOT NULL,
    "SignatoryName" character varying(200),
    "SignatoryRole" character varying(200),
    "SignedOn" date,
    "DeclineReason" character varying(2000),
    "RespondedAt" timestamp with time zone NOT NULL,
    "IpAddress" character varying(64),
    "UserId" character varying(450) NOT NULL,
    "RespondedBy" character varying(256) NOT NULL,
    CONSTRAINT "PK_OfferResponses" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OfferResponses_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ApplicationClarifications_ApplicationId" ON "ApplicationClarifications" ("ApplicationId");

CREATE UNIQUE INDEX "IX_OfferResponses_ApplicationId" ON "OfferResponses" ("ApplicationId");
