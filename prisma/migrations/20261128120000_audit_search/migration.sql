-- Free-text search and outcome filtering for the audit log page, fast at millions of rows.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "audit_events_outcome_seq_idx" ON "audit_events"("outcome", "seq");

-- CreateTable
CREATE TABLE "audit_event_search" (
    "seq" BIGINT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "audit_event_search_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "audit_event_search_text_idx" ON "audit_event_search" USING GIN ("text" gin_trgm_ops);

-- What free-text search looks at: action, actor, target label and the (already redacted) details, lower-cased.
CREATE FUNCTION "audit_event_search_text"(event "audit_events") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT lower(concat_ws(' ', event."action", event."actor_email", event."target_label", event."details"::text))
$$;

-- Kept apart from audit_events so the hash-chained rows stay exactly as recorded; one statement-level trigger
-- per insert keeps it complete, also for bulk inserts.
CREATE FUNCTION "audit_events_index_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "audit_event_search" ("seq", "text")
  SELECT inserted."seq", "audit_event_search_text"(inserted) FROM inserted;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "audit_events_search"
  AFTER INSERT ON "audit_events"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_index_search"();

INSERT INTO "audit_event_search" ("seq", "text")
SELECT e."seq", "audit_event_search_text"(e) FROM "audit_events" e;
