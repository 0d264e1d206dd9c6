-- Sign-in attempts refused while a key is locked are counted here instead of written to the audit log one row each;
-- the first is recorded, and the next recorded attempt for the key carries the count of the others.
ALTER TABLE "sign_in_throttles" ADD COLUMN "throttled_attempts" INTEGER NOT NULL DEFAULT 0;
