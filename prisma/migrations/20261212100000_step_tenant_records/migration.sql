-- What a step's completion writes on its tenant's row and secrets (the org, the certificate's expiry, secrets it no
-- longer needs), as one call inside the step boundary's statement. The tenant row is locked first, without waiting:
-- when another transaction holds it (a SAML key being prepared for the tenant, a run starting), SQLSTATE 55P03
-- refuses the whole statement and the caller writes the boundary in a transaction that waits for the row. Each
-- statement of a volatile function takes a fresh snapshot, so the org check and the discard see what committed
-- before the lock was granted: a prepared key sealed just before is deleted, not left behind.
-- The org must not belong to another tenant (SQLSTATE HPT01: nothing is written). Returns the rows written.
CREATE FUNCTION "step_tenant_records"(for_tenant uuid, new_org_id text, new_org_name text, new_org_short_name text,
  new_certificate_expires_at timestamptz, discard_purposes text[])
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  written integer := 0;
  deleted integer;
BEGIN
  PERFORM 1 FROM tenants WHERE id = for_tenant FOR UPDATE NOWAIT;
  IF new_org_id IS NOT NULL THEN
    IF EXISTS (SELECT 1 FROM tenants WHERE org_id = new_org_id AND id <> for_tenant) THEN
      RAISE EXCEPTION 'org % is already provisioned for another tenant', new_org_id USING ERRCODE = 'HPT01';
    END IF;
    UPDATE tenants SET org_id = new_org_id, org_name = new_org_name, org_short_name = new_org_short_name,
      updated_at = now()
    WHERE id = for_tenant;
    written := written + 1;
  END IF;
  IF new_certificate_expires_at IS NOT NULL THEN
    UPDATE tenants SET certificate_expires_at = new_certificate_expires_at, updated_at = now() WHERE id = for_tenant;
    written := written + 1;
  END IF;
  IF cardinality(discard_purposes) > 0 THEN
    DELETE FROM secrets
    WHERE owner_type = 'tenant' AND owner_id = for_tenant::text AND purpose = ANY (discard_purposes);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    written := written + deleted;
  END IF;
  RETURN written;
END $$;
