-- The last plan of each step, shown on the checklist as "what Apply will do".
ALTER TABLE "step_states" ADD COLUMN "plan" JSONB,
ADD COLUMN "planned_at" TIMESTAMPTZ(3);

-- When the tenant's SAML signing certificate expires: sorted and filtered on the overview.
ALTER TABLE "tenants" ADD COLUMN "certificate_expires_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "tenants_certificate_expires_at_idx" ON "tenants"("certificate_expires_at");
