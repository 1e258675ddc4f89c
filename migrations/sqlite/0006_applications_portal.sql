-- 0006: applying online: each application's budget (costs, other funding, match funding, in whole pence), and a
-- revision on applications so that two saves of one application (a double submit, answers saved as it is
-- submitted) cannot both succeed on what the other replaced.
ALTER TABLE "Applications" ADD COLUMN "Revision" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "ApplicationBudgetLines" (
    "Number" INTEGER NOT NULL,
    "ApplicationId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    CONSTRAINT "PK_ApplicationBudgetLines" PRIMARY KEY ("ApplicationId", "Number"),
    CONSTRAINT "FK_ApplicationBudgetLines_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);
