-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "layout" TEXT NOT NULL,
    "gax_base_url" TEXT NOT NULL,
    "gax_username" TEXT NOT NULL,
    "gax_password_encrypted" BOOLEAN NOT NULL DEFAULT false,
    "annex_section" TEXT NOT NULL DEFAULT 'general',
    "notes" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "cfg_tenant_name" TEXT NOT NULL,
    "region" TEXT,
    "login_base_url" TEXT,
    "api_base_url" TEXT,
    "bootstrap_client_id" TEXT NOT NULL,
    "org_id" TEXT,
    "org_name" TEXT,
    "org_short_name" TEXT,
    "predictive_engagement" BOOLEAN NOT NULL DEFAULT true,
    "agent_pacing" BOOLEAN NOT NULL DEFAULT false,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "step_states" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "step_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "outputs" JSONB NOT NULL DEFAULT '{}',
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "last_applied_at" TIMESTAMPTZ(3),
    "last_verified_at" TIMESTAMPTZ(3),
    "verify_status" TEXT,
    "drift" JSONB,
    "error_code" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "step_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_intents" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "step_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "marker" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "object_id" TEXT,
    "run_id" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "external_intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "step_key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "requested_by_id" TEXT,
    "requested_by" TEXT,
    "correlation_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "lease_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "error_code" TEXT,
    "operator_message" TEXT,
    "summary" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "step_runs" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "outcome" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error_code" TEXT,
    "operator_message" TEXT,
    "correlation_ids" JSONB NOT NULL DEFAULT '[]',
    "evidence" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "step_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "deployments_name_key" ON "deployments"("name");

-- CreateIndex
CREATE INDEX "tenants_org_id_idx" ON "tenants"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_deployment_id_cfg_tenant_name_key" ON "tenants"("deployment_id", "cfg_tenant_name");

-- CreateIndex
CREATE UNIQUE INDEX "step_states_tenant_id_step_key_key" ON "step_states"("tenant_id", "step_key");

-- CreateIndex
CREATE INDEX "external_intents_status_idx" ON "external_intents"("status");

-- CreateIndex
CREATE UNIQUE INDEX "external_intents_tenant_id_kind_marker_key" ON "external_intents"("tenant_id", "kind", "marker");

-- CreateIndex
CREATE INDEX "runs_tenant_id_started_at_idx" ON "runs"("tenant_id", "started_at");

-- CreateIndex
CREATE INDEX "runs_status_idx" ON "runs"("status");

-- CreateIndex
CREATE INDEX "step_runs_run_id_started_at_idx" ON "step_runs"("run_id", "started_at");

-- AddForeignKey
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "step_states" ADD CONSTRAINT "step_states_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "external_intents" ADD CONSTRAINT "external_intents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "step_runs" ADD CONSTRAINT "step_runs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
