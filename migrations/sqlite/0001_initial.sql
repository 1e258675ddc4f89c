-- 0001: the initial schema (plans, funds and budgets, rounds, organisations, applications, awards, payments, returns, decisions, audit, sign-in).
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Changes" TEXT NOT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "DecisionRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DecisionRecords" PRIMARY KEY,
    "Reference" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Decision" TEXT NOT NULL,
    "Reasons" TEXT NOT NULL,
    "DecidedOn" TEXT NOT NULL,
    "DecisionMaker" TEXT NOT NULL,
    "LeadOfficer" TEXT NOT NULL,
    "RegisterOfInterestsConfirmed" INTEGER NOT NULL,
    "ConfidentialBecause" TEXT NULL,
    "PublishedOn" TEXT NULL
);


CREATE TABLE "Funds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Funds" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Programme" INTEGER NOT NULL,
    "FundingSource" TEXT NOT NULL
);


CREATE TABLE "Organisations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Organisations" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "LegalForm" INTEGER NOT NULL,
    "CharityNumber" TEXT NULL,
    "CompanyNumber" TEXT NULL,
    "LocalAuthorityCode" TEXT NULL,
    "OrgId" TEXT NULL,
    "Address_Line1" TEXT NULL,
    "Address_Line2" TEXT NULL,
    "Address_Town" TEXT NULL,
    "Address_Postcode" TEXT NULL
);


CREATE TABLE "Plans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Plans" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "PeriodStart" TEXT NOT NULL,
    "PeriodEnd" TEXT NOT NULL,
    "PublishedOn" TEXT NULL,
    "PriorityTerm" TEXT NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Budgets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Budgets" PRIMARY KEY,
    "FundId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    CONSTRAINT "FK_Budgets_Funds_FundId" FOREIGN KEY ("FundId") REFERENCES "Funds" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Rounds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Rounds" PRIMARY KEY,
    "FundId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "OpensAt" INTEGER NOT NULL,
    "ClosesAt" INTEGER NOT NULL,
    "MinimumAward" INTEGER NOT NULL,
    "MaximumAward" INTEGER NOT NULL,
    "Scale" TEXT NOT NULL,
    "EligibilityRules" TEXT NOT NULL,
    "Criteria" TEXT NOT NULL,
    "Form" TEXT NOT NULL,
    CONSTRAINT "FK_Rounds_Funds_FundId" FOREIGN KEY ("FundId") REFERENCES "Funds" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "OrganisationDocuments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OrganisationDocuments" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "StoredName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "SizeInBytes" INTEGER NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "ExpiresOn" TEXT NULL,
    CONSTRAINT "FK_OrganisationDocuments_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);


CREATE TABLE "OrganisationPeople" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OrganisationPeople" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "UserId" TEXT NULL,
    CONSTRAINT "FK_OrganisationPeople_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);


CREATE TABLE "PlanPriorities" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanPriorities" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "FK_PlanPriorities_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);


CREATE TABLE "BudgetLines" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BudgetLines" PRIMARY KEY,
    "BudgetId" TEXT NOT NULL,
    "FundId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "RingFencedFor" TEXT NULL,
    "OverProgrammingMargin" INTEGER NOT NULL,
    "MarginReason" TEXT NULL,
    "Committed" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "CK_BudgetLines_NotOverCommitted" CHECK ("Committed" >= 0 AND "Committed" <= "Amount" + "OverProgrammingMargin"),
    CONSTRAINT "FK_BudgetLines_Budgets_BudgetId" FOREIGN KEY ("BudgetId") REFERENCES "Budgets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BudgetLines_Funds_FundId" FOREIGN KEY ("FundId") REFERENCES "Funds" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Applications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Applications" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "ProjectTitle" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "RequestedAmount" INTEGER NULL,
    "StartedAt" INTEGER NOT NULL,
    "StartedBy" TEXT NOT NULL,
    "SubmittedAt" INTEGER NULL,
    "StatusReason" TEXT NULL,
    CONSTRAINT "FK_Applications_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Rounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "Rounds" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "PlanOutcomes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PlanOutcomes" PRIMARY KEY,
    "PriorityId" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "FK_PlanOutcomes_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApplicationAnswers" (
    "GrantApplicationId" TEXT NOT NULL,
    "QuestionKey" TEXT NOT NULL,
    "Value" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    CONSTRAINT "PK_ApplicationAnswers" PRIMARY KEY ("GrantApplicationId", "QuestionKey"),
    CONSTRAINT "FK_ApplicationAnswers_Applications_GrantApplicationId" FOREIGN KEY ("GrantApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApplicationPriorities" (
    "PriorityId" TEXT NOT NULL,
    "ApplicationId" TEXT NOT NULL,
    "IsPrimary" INTEGER NOT NULL,
    CONSTRAINT "PK_ApplicationPriorities" PRIMARY KEY ("ApplicationId", "PriorityId"),
    CONSTRAINT "FK_ApplicationPriorities_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ApplicationPriorities_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Awards" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Awards" PRIMARY KEY,
    "OrganisationId" TEXT NOT NULL,
    "GrantApplicationId" TEXT NULL,
    "FundId" TEXT NOT NULL,
    "BudgetLineId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Purpose" TEXT NOT NULL,
    "AwardDate" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    CONSTRAINT "FK_Awards_Applications_GrantApplicationId" FOREIGN KEY ("GrantApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Awards_BudgetLines_BudgetLineId" FOREIGN KEY ("BudgetLineId") REFERENCES "BudgetLines" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Awards_Funds_FundId" FOREIGN KEY ("FundId") REFERENCES "Funds" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Awards_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "AwardConditions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AwardConditions" PRIMARY KEY,
    "AwardId" TEXT NOT NULL,
    "Timing" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "MetOn" TEXT NULL,
    CONSTRAINT "FK_AwardConditions_Awards_AwardId" FOREIGN KEY ("AwardId") REFERENCES "Awards" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AwardPriorities" (
    "AwardId" TEXT NOT NULL,
    "PriorityId" TEXT NOT NULL,
    "IsPrimary" INTEGER NOT NULL,
    CONSTRAINT "PK_AwardPriorities" PRIMARY KEY ("AwardId", "PriorityId"),
    CONSTRAINT "FK_AwardPriorities_Awards_AwardId" FOREIGN KEY ("AwardId") REFERENCES "Awards" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AwardPriorities_PlanPriorities_PriorityId" FOREIGN KEY ("PriorityId") REFERENCES "PlanPriorities" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Instalments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Instalments" PRIMARY KEY,
    "AwardId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "PaidOn" TEXT NULL,
    CONSTRAINT "FK_Instalments_Awards_AwardId" FOREIGN KEY ("AwardId") REFERENCES "Awards" ("Id") ON DELETE CASCADE
);


CREATE TABLE "MonitoringReturns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MonitoringReturns" PRIMARY KEY,
    "AwardId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "PeriodStart" TEXT NOT NULL,
    "PeriodEnd" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NULL,
    "SubmittedBy" TEXT NULL,
    "SpendToDate" INTEGER NULL,
    "Narrative" TEXT NULL,
    "ReviewerComment" TEXT NULL,
    CONSTRAINT "FK_MonitoringReturns_Awards_AwardId" FOREIGN KEY ("AwardId") REFERENCES "Awards" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY,
    "AwardId" TEXT NOT NULL,
    "InstalmentId" TEXT NOT NULL,
    "PayeeId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "DueOn" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "ApprovedBy" TEXT NULL,
    "ApprovedAt" INTEGER NULL,
    "ExportBatch" TEXT NULL,
    "PaidOn" TEXT NULL,
    "CancelledBecause" TEXT NULL,
    CONSTRAINT "FK_Payments_Awards_AwardId" FOREIGN KEY ("AwardId") REFERENCES "Awards" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Instalments_InstalmentId" FOREIGN KEY ("InstalmentId") REFERENCES "Instalments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Organisations_PayeeId" FOREIGN KEY ("PayeeId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);


CREATE INDEX "IX_ApplicationPriorities_PriorityId" ON "ApplicationPriorities" ("PriorityId");


CREATE INDEX "IX_Applications_OrganisationId_RoundId" ON "Applications" ("OrganisationId", "RoundId");


CREATE UNIQUE INDEX "IX_Applications_Reference" ON "Applications" ("Reference");


CREATE INDEX "IX_Applications_RoundId_Status" ON "Applications" ("RoundId", "Status");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");


CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");


CREATE INDEX "IX_AwardConditions_AwardId" ON "AwardConditions" ("AwardId");


CREATE INDEX "IX_AwardPriorities_PriorityId" ON "AwardPriorities" ("PriorityId");


CREATE INDEX "IX_Awards_BudgetLineId" ON "Awards" ("BudgetLineId");


CREATE INDEX "IX_Awards_FundId_Year" ON "Awards" ("FundId", "Year");


CREATE UNIQUE INDEX "IX_Awards_GrantApplicationId" ON "Awards" ("GrantApplicationId");


CREATE INDEX "IX_Awards_OrganisationId" ON "Awards" ("OrganisationId");


CREATE UNIQUE INDEX "IX_BudgetLines_BudgetId_Name" ON "BudgetLines" ("BudgetId", "Name");


CREATE INDEX "IX_BudgetLines_FundId_Year" ON "BudgetLines" ("FundId", "Year");


CREATE UNIQUE INDEX "IX_Budgets_FundId_Year" ON "Budgets" ("FundId", "Year");


CREATE UNIQUE INDEX "IX_DecisionRecords_Reference" ON "DecisionRecords" ("Reference");


CREATE UNIQUE INDEX "IX_Funds_Name" ON "Funds" ("Name");


CREATE UNIQUE INDEX "IX_Instalments_AwardId_Number" ON "Instalments" ("AwardId", "Number");


CREATE INDEX "IX_MonitoringReturns_AwardId" ON "MonitoringReturns" ("AwardId");


CREATE INDEX "IX_MonitoringReturns_Status_DueOn" ON "MonitoringReturns" ("Status", "DueOn");


CREATE INDEX "IX_OrganisationDocuments_OrganisationId" ON "OrganisationDocuments" ("OrganisationId");


CREATE UNIQUE INDEX "IX_OrganisationDocuments_StoredName" ON "OrganisationDocuments" ("StoredName");


CREATE UNIQUE INDEX "IX_OrganisationPeople_OrganisationId_Email" ON "OrganisationPeople" ("OrganisationId", "Email");


CREATE INDEX "IX_OrganisationPeople_UserId" ON "OrganisationPeople" ("UserId");


CREATE INDEX "IX_Organisations_Name" ON "Organisations" ("Name");


CREATE UNIQUE INDEX "IX_Organisations_OrgId" ON "Organisations" ("OrgId");


CREATE INDEX "IX_Payments_AwardId" ON "Payments" ("AwardId");


CREATE INDEX "IX_Payments_InstalmentId" ON "Payments" ("InstalmentId");


CREATE INDEX "IX_Payments_PayeeId" ON "Payments" ("PayeeId");


CREATE INDEX "IX_Payments_Status_DueOn" ON "Payments" ("Status", "DueOn");


CREATE UNIQUE INDEX "IX_PlanOutcomes_PriorityId_Order" ON "PlanOutcomes" ("PriorityId", "Order");


CREATE UNIQUE INDEX "IX_PlanPriorities_PlanId_Order" ON "PlanPriorities" ("PlanId", "Order");


CREATE INDEX "IX_Rounds_ClosesAt" ON "Rounds" ("ClosesAt");


CREATE INDEX "IX_Rounds_FundId_Year" ON "Rounds" ("FundId", "Year");



