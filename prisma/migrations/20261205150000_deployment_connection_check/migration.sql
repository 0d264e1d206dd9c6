-- The last time the provisioner signed in to a deployment's GAX (Test connection, registration, editing) and what
-- it found: shown as the deployment's health.
ALTER TABLE "deployments" ADD COLUMN "connection_ok" BOOLEAN;
ALTER TABLE "deployments" ADD COLUMN "connection_message" TEXT;
ALTER TABLE "deployments" ADD COLUMN "connection_checked_at" TIMESTAMPTZ(3);
