// Generated from /api/v1/openapi.json by openapi-typescript: run `npx tsx scripts/generate-api-client.ts`.
// lib/api-v1/client/generated-types.test.ts fails when this file is out of date.
export interface paths {
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the API and its database answer (no token needed) */
    get: operations["getHealth"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/deployments": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Registered deployments (Configuration Server through GAX)
     * @description Needs the `deployment.read` permission.
     */
    get: operations["listDeployments"];
    put?: never;
    /**
     * Register a deployment once GAX accepts a sign-in with its settings (or saveAnyway)
     * @description Needs the `deployment.manage` permission.
     */
    post: operations["createDeployment"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/deployments/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One deployment
     * @description Needs the `deployment.read` permission.
     */
    get: operations["getDeployment"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Edit a deployment; a change to how GAX is reached is signed in with first (or saveAnyway)
     * @description Needs the `deployment.manage` permission.
     */
    patch: operations["updateDeployment"];
    trace?: never;
  };
  "/tenants": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tenants with the overview's filters, sort and paging
     * @description Needs the `tenant.read` permission.
     */
    get: operations["listTenants"];
    put?: never;
    /**
     * Register a tenant once its bootstrap credentials work
     * @description Needs the `tenant.manage` permission.
     */
    post: operations["createTenant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One tenant with its status and latest run
     * @description Needs the `tenant.read` permission.
     */
    get: operations["getTenant"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Edit a tenant once its bootstrap credentials (the sealed secret, or a new one) work
     * @description Needs the `tenant.manage` permission.
     */
    patch: operations["updateTenant"];
    trace?: never;
  };
  "/import": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import a fleet document or a CSV of tenants (docs/fleet.md): every problem first, then one transaction
     * @description Needs the `tenant.manage` permission.
     */
    post: operations["importFleet"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}/steps": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tenant's step states in provisioning order
     * @description Needs the `tenant.read` permission.
     */
    get: operations["listTenantSteps"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}/runs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tenant's runs, newest first
     * @description Needs the `tenant.read` permission.
     */
    get: operations["listTenantRuns"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}/plan": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a plan of the tenant (or of one step): what apply would change
     * @description Needs the `provisioning.run` permission.
     */
    post: operations["planTenant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}/apply": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue an apply of the tenant (or of one step)
     * @description Needs the `provisioning.run` permission.
     */
    post: operations["applyTenant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}/verify": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a verify of the tenant (or of one step) against live state
     * @description Needs the `provisioning.run` permission.
     */
    post: operations["verifyTenant"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/tenants/{id}/certificate/rotate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a rotation of the tenant's SAML certificate (or the resumption of an unfinished one)
     * @description Needs the `provisioning.run` permission. Rotating a certificate with a token needs the admin role: the dashboard asks an operator to enter their password again first, which a token cannot do.
     */
    post: operations["rotateCertificate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One run; poll it until its status is final
     * @description Needs the `tenant.read` permission.
     */
    get: operations["getRun"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a queued run at once, or a running one at its next step boundary
     * @description Needs the `provisioning.run` permission.
     */
    post: operations["cancelRun"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/audit-events": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Audit events, newest first, with filters and a cursor
     * @description Needs the `audit.read` permission.
     */
    get: operations["listAuditEvents"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AuditEvent: {
      /** @description Sequence number (a decimal string: it may exceed 2^53) */
      seq: string;
      /** Format: date-time */
      occurredAt: string;
      actorEmail: string | null;
      actorRole: string | null;
      clientAddress: string | null;
      action: string;
      targetType: string | null;
      targetId: string | null;
      targetLabel: string | null;
      outcome: string;
      details: {
        [key: string]: unknown;
      };
    };
    AuditPage: {
      items: components["schemas"]["AuditEvent"][];
      nextCursor: string | null;
    };
    AuditQuery: {
      /** Format: uuid */
      tenant?: string;
      targetType?: string;
      targetId?: string;
      actor?: string;
      /** @enum {string} */
      action?:
        | "auth.sign_in"
        | "auth.sign_out"
        | "user.create"
        | "user.update"
        | "user.deactivate"
        | "api_token.create"
        | "api_token.use_new_address"
        | "api_token.revoke"
        | "user.activate"
        | "user.reset_password"
        | "user.end_sessions"
        | "auth.reauthenticate"
        | "secret.reveal"
        | "key.rotate"
        | "backup.create"
        | "backup.restore"
        | "deployment.create"
        | "deployment.update"
        | "deployment.detect_object_tenant"
        | "deployment.discover"
        | "deployment.test_connection"
        | "deployment.delete"
        | "tenant.update"
        | "tenant.delete"
        | "tenant.create"
        | "run.queue"
        | "run.cancel"
        | "run.start"
        | "run.finish"
        | "step.start"
        | "step.succeed"
        | "step.fail"
        | "step.needs_input"
        | "step.manual_complete"
        | "certificate_rotation.start"
        | "certificate_rotation.stage"
        | "certificate_rotation.succeed"
        | "certificate_rotation.fail"
        | "secret.regenerate"
        | "tenant.diagnose"
        | "notification_endpoint.create"
        | "notification_endpoint.update"
        | "notification_endpoint.delete"
        | "notification_endpoint.test"
        | "secret.prepare";
      /** @enum {string} */
      outcome?: "success" | "failure";
      /**
       * Format: date-time
       * @description Events at or after this time
       */
      from?: string;
      /**
       * Format: date-time
       * @description Events before this time
       */
      to?: string;
      q?: string;
      /** @description nextCursor of the previous page (towards older events) */
      cursor?: string;
      /** @default 50 */
      limit?: number;
    };
    CancelRequest: Record<string, never>;
    Deployment: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @enum {string} */
      layout: "single-tenant" | "multi-tenant";
      gaxBaseUrl: string;
      gaxUsername: string;
      objectTenant: string;
      connectionOk: boolean | null;
      connectionMessage: string | null;
      connectionCheckedAt: string | null;
      notes: string;
      tenantCount: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    DeploymentCreate: {
      name: string;
      /** @enum {string} */
      layout: "single-tenant" | "multi-tenant";
      gaxBaseUrl: string;
      gaxUsername: string;
      /** @description Write-only: sealed at once, never returned */
      gaxPassword: string;
      /** @default false */
      gaxPasswordEncrypted?: boolean;
      /** @default general */
      annexSection?: string;
      /**
       * @default detect
       * @enum {string}
       */
      objectTenant?: "detect" | "Environment" | "Resources";
      /** @default  */
      notes?: string;
      /** @description Save although GAX refused the sign-in made before saving (as the form's Save anyway) */
      saveAnyway?: boolean;
    };
    DeploymentList: {
      items: components["schemas"]["Deployment"][];
    };
    /** @description Only the fields given change; the layout and the object tenant have their own controls */
    DeploymentUpdate: {
      name?: string;
      gaxBaseUrl?: string;
      gaxUsername?: string;
      /** @description Write-only: absent keeps the sealed password */
      gaxPassword?: string;
      gaxPasswordEncrypted?: boolean;
      annexSection?: string;
      notes?: string;
      /** @description Save although GAX refused the sign-in made before saving (as the form's Save anyway) */
      saveAnyway?: boolean;
    };
    DeploymentWrite: {
      deployment: components["schemas"]["Deployment"];
      /** @description The sign-in to GAX made before saving (null when nothing about reaching GAX changed) */
      connection: {
        ok: boolean;
        message: string;
      } | null;
    };
    FleetFile: {
      /** @constant */
      version: 1;
      deployments: {
        name: string;
        /** @enum {string} */
        layout: "single-tenant" | "multi-tenant";
        gaxBaseUrl: string;
        gaxUsername: string;
        /** @default false */
        gaxPasswordEncrypted?: boolean;
        /** @default general */
        annexSection?: string;
        /**
         * @default detect
         * @enum {string}
         */
        objectTenant?: "detect" | "Environment" | "Resources";
        /** @default  */
        notes?: string;
        gaxPassword:
          | string
          | {
              env: string;
            }
          | {
              file: string;
            };
        tenants?: {
          cfgTenantName?: string;
          region?: string;
          loginBaseUrl?: string;
          apiBaseUrl?: string;
          bootstrapClientId: string;
          services?: string[];
          /**
           * @default {
           *       "tokenLifetimeSeconds": 86400,
           *       "samlScopes": [
           *         "journey"
           *       ],
           *       "issuerUri": "https://www.genesys.com/pureengage",
           *       "expireTimeHours": 24,
           *       "domainSuffix": "com",
           *       "employeePermissions": [
           *         "journey:session:view",
           *         "journey:event:view",
           *         "journey:outcome:view",
           *         "journey:segment:view",
           *         "journey:actionmap:view",
           *         "journey:actiontarget:view"
           *       ],
           *       "ewtClient": "separate",
           *       "adminUsers": [],
           *       "smokeTestUser": "hybrid-provisioner-smoke-test"
           *     }
           */
          settings?: {
            /** @default 86400 */
            tokenLifetimeSeconds?: number;
            redirectUri?: string;
            /**
             * @default [
             *       "journey"
             *     ]
             */
            samlScopes?: string[];
            /** @default https://www.genesys.com/pureengage */
            issuerUri?: string;
            ssoTargetUri?: string;
            /** @default 24 */
            expireTimeHours?: number;
            /** @default com */
            domainSuffix?: string;
            /**
             * @default [
             *       "journey:session:view",
             *       "journey:event:view",
             *       "journey:outcome:view",
             *       "journey:segment:view",
             *       "journey:actionmap:view",
             *       "journey:actiontarget:view"
             *     ]
             */
            employeePermissions?: string[];
            /**
             * @default separate
             * @enum {string}
             */
            ewtClient?: "separate" | "shared";
            /** @default [] */
            adminUsers?: {
              name: string;
              email: string;
            }[];
            /** @default hybrid-provisioner-smoke-test */
            smokeTestUser?: string;
            /** Format: email */
            smokeTestAgentEmail?: string;
          };
          bootstrapClientSecret:
            | string
            | {
                env: string;
              }
            | {
                file: string;
              };
          sampleAgent?: {
            username: string;
            password:
              | string
              | {
                  env: string;
                }
              | {
                  file: string;
                };
            /** @default false */
            passwordIsEncrypted?: boolean;
          };
        }[];
      }[];
    };
    Health: {
      /** @enum {string} */
      status: "ok" | "degraded";
      database: boolean;
      /** @constant */
      version: "v1";
    };
    ImportQuery: {
      /**
       * @description true: only say what would change
       * @default false
       * @enum {string}
       */
      dryRun?: "true" | "false";
    };
    ImportResult: {
      changes: {
        /** @enum {string} */
        action: "create" | "update";
        /** @enum {string} */
        target: "deployment" | "tenant";
        label: string;
        fields: string[];
      }[];
      unchanged: number;
      /** @description false for a dry run, or when nothing differs */
      applied: boolean;
    };
    Problem: {
      /** @description A URI naming the kind of problem, e.g. /api/v1/problems/invalid_input */
      type: string;
      title: string;
      status: number;
      detail: string;
      /** @description Per field (or parameter): what is wrong */
      errors?: {
        [key: string]: string[];
      };
    };
    RotationQueued: {
      /** Format: uuid */
      tenantId: string;
      /** @constant */
      status: "queued";
      /** @description The queued rotation; its run appears among the tenant's runs (stepKey certificate-rotation) */
      jobId: string;
    };
    RotationRequest: Record<string, never>;
    Run: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      tenantId: string;
      /** @enum {string} */
      mode: "plan" | "apply" | "verify";
      stepKey: string | null;
      /**
       * @description queued and running are in progress; the others are final
       * @enum {string}
       */
      status: "queued" | "running" | "succeeded" | "failed" | "needs-input" | "cancelled" | "abandoned";
      requestedBy: string | null;
      /** Format: date-time */
      queuedAt: string;
      /** Format: date-time */
      startedAt: string;
      finishedAt: string | null;
      operatorMessage: string | null;
      correlationId: string;
      cancelRequested: boolean;
    };
    RunList: {
      items: components["schemas"]["Run"][];
    };
    RunRequest: {
      /** @description Run only this step (a key from the tenant's steps) */
      step?: string;
    };
    StepState: {
      key: string;
      title: string;
      phase: string;
      applies: boolean;
      /** @enum {string} */
      status: "not-started" | "running" | "done" | "failed" | "needs-input" | "drifted" | "not-needed";
      verifyStatus: string | null;
      lastAppliedAt: string | null;
      lastVerifiedAt: string | null;
      errorCode: string | null;
      /** @description The last run's operator message for this step */
      message: string | null;
    };
    StepStateList: {
      /** Format: uuid */
      tenantId: string;
      runActive: boolean;
      items: components["schemas"]["StepState"][];
    };
    Tenant: {
      /** Format: uuid */
      id: string;
      cfgTenantName: string;
      deployment: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      region: string | null;
      orgName: string | null;
      orgShortName: string | null;
      bootstrapClientId: string;
      /** @enum {string} */
      status: "not-started" | "in-progress" | "running" | "failed" | "needs-input" | "done";
      stepsDone: number;
      stepsTotal: number;
      driftedSteps: number;
      runActive: boolean;
      latestRun: components["schemas"]["Run"] | null;
    };
    TenantCreate: {
      /** Format: uuid */
      deploymentId: string;
      cfgTenantName?: string;
      region?: string;
      loginBaseUrl?: string;
      apiBaseUrl?: string;
      bootstrapClientId: string;
      /** @description Write-only: sealed at once, never returned */
      bootstrapClientSecret: string;
      services?: string[];
      /**
       * @default {
       *       "tokenLifetimeSeconds": 86400,
       *       "samlScopes": [
       *         "journey"
       *       ],
       *       "issuerUri": "https://www.genesys.com/pureengage",
       *       "expireTimeHours": 24,
       *       "domainSuffix": "com",
       *       "employeePermissions": [
       *         "journey:session:view",
       *         "journey:event:view",
       *         "journey:outcome:view",
       *         "journey:segment:view",
       *         "journey:actionmap:view",
       *         "journey:actiontarget:view"
       *       ],
       *       "ewtClient": "separate",
       *       "adminUsers": [],
       *       "smokeTestUser": "hybrid-provisioner-smoke-test"
       *     }
       */
      settings?: {
        /** @default 86400 */
        tokenLifetimeSeconds?: number;
        redirectUri?: string;
        /**
         * @default [
         *       "journey"
         *     ]
         */
        samlScopes?: string[];
        /** @default https://www.genesys.com/pureengage */
        issuerUri?: string;
        ssoTargetUri?: string;
        /** @default 24 */
        expireTimeHours?: number;
        /** @default com */
        domainSuffix?: string;
        /**
         * @default [
         *       "journey:session:view",
         *       "journey:event:view",
         *       "journey:outcome:view",
         *       "journey:segment:view",
         *       "journey:actionmap:view",
         *       "journey:actiontarget:view"
         *     ]
         */
        employeePermissions?: string[];
        /**
         * @default separate
         * @enum {string}
         */
        ewtClient?: "separate" | "shared";
        /** @default [] */
        adminUsers?: {
          name: string;
          email: string;
        }[];
        /** @default hybrid-provisioner-smoke-test */
        smokeTestUser?: string;
        /** Format: email */
        smokeTestAgentEmail?: string;
      };
    };
    TenantList: {
      items: components["schemas"]["TenantSummary"][];
      /** @description Tenants the filters match, on every page */
      total: number;
      /** @description The cursor of the next page, or null on the last */
      nextCursor: string | null;
    };
    TenantListQuery: {
      /** @description Search tenant, org and deployment names */
      q?: string;
      /** Format: uuid */
      deployment?: string;
      region?: string;
      /** @enum {string} */
      status?: "not-started" | "in-progress" | "running" | "failed" | "needs-input" | "done";
      /** @enum {string} */
      drift?: "yes" | "no";
      /**
       * @description Certificates expiring within the warning window, or expired
       * @enum {string}
       */
      cert?: "expiring";
      /**
       * @default tenant
       * @enum {string}
       */
      sort?: "tenant" | "deployment" | "region" | "org" | "expiry" | "created";
      /**
       * @default asc
       * @enum {string}
       */
      dir?: "asc" | "desc";
      /** @description nextCursor of the previous page, with the same sort and dir */
      cursor?: string;
      /** @default 50 */
      limit?: number;
    };
    TenantSummary: {
      /** Format: uuid */
      id: string;
      cfgTenantName: string;
      deployment: {
        /** Format: uuid */
        id: string;
        name: string;
      };
      region: string | null;
      orgShortName: string | null;
      /** @enum {string} */
      status: "not-started" | "in-progress" | "running" | "failed" | "needs-input" | "done";
      stepsDone: number;
      stepsTotal: number;
      driftedSteps: number;
      certificateExpiresAt: string | null;
      lastRun: {
        mode: string;
        status: string;
        /** Format: date-time */
        startedAt: string;
        finishedAt: string | null;
        operatorMessage: string | null;
      } | null;
    };
    /** @description Only the fields given change. region, loginBaseUrl and apiBaseUrl are the org's address as a whole: when any of them is given, the ones left out are cleared. */
    TenantUpdate: {
      region?: string;
      loginBaseUrl?: string;
      apiBaseUrl?: string;
      bootstrapClientId?: string;
      /** @description Write-only: absent keeps the sealed secret */
      bootstrapClientSecret?: string;
      services?: string[];
      settings?: {
        redirectUri?: string;
        ssoTargetUri?: string;
      };
    };
    TenantWrite: {
      tenant: components["schemas"]["Tenant"];
      /** @description What to know before pairing (org paired elsewhere, tenant not in GAX) */
      warnings: string[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Health"];
        };
      };
      /** @description The database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  listDeployments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["DeploymentList"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["DeploymentCreate"];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["DeploymentWrite"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Deployment"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  updateDeployment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["DeploymentUpdate"];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["DeploymentWrite"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listTenants: {
    parameters: {
      query?: {
        /** @description Search tenant, org and deployment names */
        q?: string;
        deployment?: string;
        region?: string;
        status?: "not-started" | "in-progress" | "running" | "failed" | "needs-input" | "done";
        drift?: "yes" | "no";
        /** @description Certificates expiring within the warning window, or expired */
        cert?: "expiring";
        sort?: "tenant" | "deployment" | "region" | "org" | "expiry" | "created";
        dir?: "asc" | "desc";
        /** @description nextCursor of the previous page, with the same sort and dir */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TenantList"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  createTenant: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TenantCreate"];
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TenantWrite"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Tenant"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  updateTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TenantUpdate"];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TenantWrite"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  importFleet: {
    parameters: {
      query?: {
        /** @description true: only say what would change */
        dryRun?: "true" | "false";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A fleet file as JSON or YAML, or a CSV of tenants of registered deployments (text/csv), secrets inline. Deployments created or changed need the deployment.manage permission (admins); tenants alone need tenant.manage. */
    requestBody: {
      content: {
        "application/json": components["schemas"]["FleetFile"];
        "application/yaml": string;
        "text/csv": string;
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImportResult"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listTenantSteps: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["StepStateList"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listTenantRuns: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunList"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  planTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description The same key (per token) answers with the run the first request started */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RunRequest"];
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Run"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  applyTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description The same key (per token) answers with the run the first request started */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RunRequest"];
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Run"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  verifyTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description The same key (per token) answers with the run the first request started */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RunRequest"];
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Run"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  rotateCertificate: {
    parameters: {
      query?: never;
      header?: {
        /** @description The same key (per token) answers with the run the first request started */
        "Idempotency-Key"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RotationRequest"];
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RotationQueued"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Run"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  cancelRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CancelRequest"];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Run"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        tenant?: string;
        targetType?: string;
        targetId?: string;
        actor?: string;
        action?:
          | "auth.sign_in"
          | "auth.sign_out"
          | "user.create"
          | "user.update"
          | "user.deactivate"
          | "api_token.create"
          | "api_token.use_new_address"
          | "api_token.revoke"
          | "user.activate"
          | "user.reset_password"
          | "user.end_sessions"
          | "auth.reauthenticate"
          | "secret.reveal"
          | "key.rotate"
          | "backup.create"
          | "backup.restore"
          | "deployment.create"
          | "deployment.update"
          | "deployment.detect_object_tenant"
          | "deployment.discover"
          | "deployment.test_connection"
          | "deployment.delete"
          | "tenant.update"
          | "tenant.delete"
          | "tenant.create"
          | "run.queue"
          | "run.cancel"
          | "run.start"
          | "run.finish"
          | "step.start"
          | "step.succeed"
          | "step.fail"
          | "step.needs_input"
          | "step.manual_complete"
          | "certificate_rotation.start"
          | "certificate_rotation.stage"
          | "certificate_rotation.succeed"
          | "certificate_rotation.fail"
          | "secret.regenerate"
          | "tenant.diagnose"
          | "notification_endpoint.create"
          | "notification_endpoint.update"
          | "notification_endpoint.delete"
          | "notification_endpoint.test"
          | "secret.prepare";
        outcome?: "success" | "failure";
        /** @description Events at or after this time */
        from?: string;
        /** @description Events before this time */
        to?: string;
        q?: string;
        /** @description nextCursor of the previous page (towards older events) */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Limit"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Remaining"?: number;
          /** @description Token bucket of 120 requests per token */
          "RateLimit-Reset"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AuditPage"];
        };
      };
      /** @description Invalid input; `errors` names each field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No valid API token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token's user's role does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit of the token reached; see RateLimit-Reset */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
}
