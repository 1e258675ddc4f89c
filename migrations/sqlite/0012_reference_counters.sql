-- 0012: the last reference number given in each sequence (e.g. "PPAF-2026-"), taken inside the submission's
-- transaction so that submissions at the same moment queue on one row instead of clashing and retrying.
CREATE TABLE "ReferenceCounters" (
    "Prefix" TEXT NOT NULL CONSTRAINT "PK_ReferenceCounters" PRIMARY KEY,
    "Last" INTEGER NOT NULL
);
