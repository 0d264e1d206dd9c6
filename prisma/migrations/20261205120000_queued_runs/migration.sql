-- A run is a row from the moment it is asked for (status queued) until it ends, so it never vanishes while it waits
-- for a worker or fails before the engine starts; operators may cancel it, queued or running.
ALTER TABLE "runs" ADD COLUMN "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "runs" ADD COLUMN "cancel_requested_at" TIMESTAMPTZ(3);
ALTER TABLE "runs" ADD COLUMN "cancelled_by" TEXT;
UPDATE "runs" SET "queued_at" = "started_at";
