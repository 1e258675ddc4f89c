-- 0005: organisation membership: requests to join an organisation, and invitations by e-mail (only a hash of each invitation token is kept).
CREATE TABLE "OrganisationInvitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OrganisationInvitations" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "InvitedBy" TEXT NOT NULL,
    "InvitedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "AcceptedAt" INTEGER NULL,
    CONSTRAINT "FK_OrganisationInvitations_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrganisationJoinRequests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OrganisationJoinRequests" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Message" TEXT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    CONSTRAINT "FK_OrganisationJoinRequests_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_OrganisationInvitations_OrganisationId" ON "OrganisationInvitations" ("OrganisationId");

CREATE UNIQUE INDEX "IX_OrganisationInvitations_TokenHash" ON "OrganisationInvitations" ("TokenHash");

CREATE INDEX "IX_OrganisationJoinRequests_OrganisationId_Status" ON "OrganisationJoinRequests" ("OrganisationId", "Status");

CREATE INDEX "IX_OrganisationJoinRequests_UserId" ON "OrganisationJoinRequests" ("UserId");
