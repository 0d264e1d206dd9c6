-- What each Idempotency-Key was first used for (operation, target, body digest): a key reused for another request is
-- refused instead of answering with the first request's run. Keys stored before this have '' and match any request.
ALTER TABLE "api_idempotency_keys" ADD COLUMN "request" TEXT NOT NULL DEFAULT '';
