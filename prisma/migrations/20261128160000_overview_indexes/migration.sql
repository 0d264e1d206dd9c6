-- The tenants overview filters and counts tenants by whether any of their steps is running, failed or done, and
-- by drift: with these, "has a step with status X" is an index probe per tenant instead of a scan per tenant.
CREATE INDEX "step_states_status_tenant_id_idx" ON "step_states"("status", "tenant_id");

CREATE INDEX "step_states_verify_status_tenant_id_idx" ON "step_states"("verify_status", "tenant_id");
