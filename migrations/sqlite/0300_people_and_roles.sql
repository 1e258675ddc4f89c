-- 0300: staff accounts an administrator deactivated (kept, never deleted), and when each person last signed in.
ALTER TABLE "AspNetUsers" ADD COLUMN "DeactivatedAt" INTEGER NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "LastSignedInAt" INTEGER NULL;
