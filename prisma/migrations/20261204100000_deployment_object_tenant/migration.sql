-- Which tenant of a single-tenant deployment holds hybrid_integration: 'Environment', 'Resources', or 'detect' (the
-- one of the two that GAX shows), with the last detection's result. Deployments registered before wrote to
-- Environment, so they keep that choice.
ALTER TABLE "deployments" ADD COLUMN "object_tenant" TEXT NOT NULL DEFAULT 'detect';
UPDATE "deployments" SET "object_tenant" = 'Environment' WHERE "layout" = 'single-tenant';
ALTER TABLE "deployments" ADD COLUMN "detected_object_tenant" TEXT;
ALTER TABLE "deployments" ADD COLUMN "object_tenant_problem" TEXT;
ALTER TABLE "deployments" ADD COLUMN "object_tenant_checked_at" TIMESTAMPTZ(3);
