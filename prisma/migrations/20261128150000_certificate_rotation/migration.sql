-- Certificate rotation: one row per rotation of a tenant's SAML signing certificate, with the stage to resume from.
CREATE TABLE "certificate_rotations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "stage" TEXT NOT NULL DEFAULT 'generate',
    "stages" JSONB NOT NULL DEFAULT '{}',
    "old_fingerprint" TEXT NOT NULL,
    "old_not_after" TIMESTAMPTZ(3) NOT NULL,
    "new_fingerprint" TEXT,
    "new_not_after" TIMESTAMPTZ(3),
    "requested_by_id" TEXT,
    "requested_by" TEXT,
    "correlation_id" TEXT NOT NULL,
    "run_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error_code" TEXT,
    "operator_message" TEXT,

    CONSTRAINT "certificate_rotations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certificate_rotations_tenant_id_started_at_idx" ON "certificate_rotations"("tenant_id", "started_at");
CREATE INDEX "certificate_rotations_run_id_idx" ON "certificate_rotations"("run_id");

-- AddForeignKey
ALTER TABLE "certificate_rotations" ADD CONSTRAINT "certificate_rotations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "certificate_rotations" ADD CONSTRAINT "certificate_rotations_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
