-- 0300: staff accounts an administrator deactivated (kept, never deleted), and when each person last signed in.
ALTER TABLE "AspNetUsers" ADD "DeactivatedAt" timestamp with time zone NULL;
ALTER TABLE "AspNetUsers" ADD "LastSignedInAt" timestamp with time zone NULL;
