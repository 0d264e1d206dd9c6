-- Appends audit rows chained onto (after_seq, after_hash) under the chain lock, in one round trip: the lock, then
-- (with a fresh snapshot, as each statement of a volatile function takes one) the check that the chain still ends
-- there and the insert. Returns the rows appended: 0 when the chain has moved on (the lock is held either way, until
-- the caller's transaction ends, so the caller can read the end of the chain and append after it).
CREATE FUNCTION "audit_append_after"(lock_key bigint, after_seq bigint, after_hash text, rows jsonb)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  appended integer;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  INSERT INTO audit_events (seq, occurred_at, actor_id, actor_email, actor_role, client_address, user_agent, action,
    target_type, target_id, target_label, outcome, details, prev_hash, chain_key, hash)
  SELECT r.seq, r.occurred_at, r.actor_id, r.actor_email, r.actor_role, r.client_address, r.user_agent, r.action,
    r.target_type, r.target_id, r.target_label, r.outcome, r.details, r.prev_hash, r.chain_key, r.hash
  FROM jsonb_to_recordset(rows) AS r(seq bigint, occurred_at timestamptz, actor_id text, actor_email text,
    actor_role text, client_address text, user_agent text, action text, target_type text, target_id text,
    target_label text, outcome text, details jsonb, prev_hash text, chain_key text, hash text)
  WHERE EXISTS (SELECT 1 FROM audit_events WHERE seq = after_seq AND hash = after_hash)
    AND NOT EXISTS (SELECT 1 FROM audit_events WHERE seq > after_seq);
  GET DIAGNOSTICS appended = ROW_COUNT;
  RETURN appended;
END $$;

-- A step boundary of a run written in one statement: its audit rows appended as above, or the whole statement
-- refused, so that the caller writes the boundary again in a transaction of its own: when an operator has asked the
-- run to stop (SQLSTATE HPA02; it ends there instead) or when the chain has moved on (HPA01). The caller passes the
-- rows its statement wrote as `written`: an argument is evaluated before the call, so those writes are done before
-- the lock is taken and the lock is held only for the append and the commit.
CREATE FUNCTION "audit_append_for_run"(lock_key bigint, after_seq bigint, after_hash text, rows jsonb, run_id uuid,
  written bigint)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  appended integer;
BEGIN
  IF EXISTS (SELECT 1 FROM runs WHERE id = run_id AND cancel_requested_at IS NOT NULL) THEN
    RAISE EXCEPTION 'an operator asked the run to stop' USING ERRCODE = 'HPA02';
  END IF;
  appended := audit_append_after(lock_key, after_seq, after_hash, rows);
  IF appended = 0 THEN
    RAISE EXCEPTION 'the audit chain has moved on' USING ERRCODE = 'HPA01';
  END IF;
  RETURN appended;
END $$;
