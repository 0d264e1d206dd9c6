-- One list of service keys (lib/provisioning/model/services.ts) instead of a boolean column per service, so a new
-- service needs no migration. Existing rows keep the services their booleans enabled.
ALTER TABLE "tenants" ADD COLUMN "services" TEXT[] NOT NULL DEFAULT ARRAY['predictive-engagement']::TEXT[];

UPDATE "tenants"
SET "services" = ARRAY_REMOVE(ARRAY[
    CASE WHEN "predictive_engagement" THEN 'predictive-engagement' END,
    CASE WHEN "agent_pacing" THEN 'agent-pacing' END
]::TEXT[], NULL);

ALTER TABLE "tenants" DROP COLUMN "predictive_engagement";
ALTER TABLE "tenants" DROP COLUMN "agent_pacing";
