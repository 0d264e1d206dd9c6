-- Rows are chained with HMAC-SHA256 under a key derived from the master key; chain_key names that master key by its
-- fingerprint (as secrets name their key version). Rows written before have none: their hash is plain SHA-256, and
-- verification refuses an unkeyed row after a keyed one.
ALTER TABLE "audit_events" ADD COLUMN "chain_key" TEXT;

-- Names this audit log, so checkpoints kept outside the database are only ever held against the log they were taken of.
CREATE TABLE "audit_log_identity" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_identity_pkey" PRIMARY KEY ("id")
);
INSERT INTO "audit_log_identity" DEFAULT VALUES;
