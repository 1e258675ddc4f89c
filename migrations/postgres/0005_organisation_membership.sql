-- 0005: organisation membership: requests to join an organisation, and invitations by e-mail (only a hash of each invitation token is kept).
CREATE TABLE "OrganisationInvitations" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Email" character varying(254) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "InvitedBy" character varying(450) NOT NULL,
    "InvitedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "AcceptedAt" timestamp with time zone,
    CONSTRAINT "PK_OrganisationInvitations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OrganisationInvitations_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrganisationJoinRequests" (
    "Id" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "UserId" character varying(450) NOT NULL,
    "FullName" character varying(200) NOT NULL,
    "Email" character varying(254) NOT NULL,
    "Message" character varying(500),
    "RequestedAt" timestamp with time zone NOT NULL,
    "Status" integer NOT NULL,
    "DecidedBy" character varying(450),
    "DecidedAt" timestamp with time zone,
    CONSTRAINT "PK_OrganisationJoinRequests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OrganisationJoinRequests_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_OrganisationInvitations_OrganisationId" ON "OrganisationInvitations" ("OrganisationId");

CREATE UNIQUE INDEX "IX_OrganisationInvitations_TokenHash" ON "OrganisationInvitations" ("TokenHash");

CREATE INDEX "IX_OrganisationJoinRequests_OrganisationId_Status" ON "OrganisationJoinRequests" ("OrganisationId", "Status");

CREATE INDEX "IX_OrganisationJoinRequests_UserId" ON "OrganisationJoinRequests" ("UserId");
