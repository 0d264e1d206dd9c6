import type { Db } from "@/lib/db/client";
import type { Attempt } from "./delivery";

export type EndpointRow = {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  recipients: string[];
  eventTypes: string[];
  enabled: boolean;
  createdAt: Date;
  lastDelivery: { status: string; createdAt: Date } | null;
};

/** Endpoints for the Notifications page, with their latest delivery. Never their secrets. */
export async function listEndpoints(db: Db): Promise<EndpointRow[]> {
  const endpoints = await db.notificationEndpoint.findMany({
    orderBy: { name: "asc" },
    include: { deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, createdAt: true } } },
  });
  return endpoints.map(({ deliveries, createdBy: _createdBy, updatedAt: _updatedAt, ...endpoint }) => ({
    ...endpoint,
    lastDelivery: deliveries[0] ?? null,
  }));
}

export type DeliveryRow = {
  id: string;
  createdAt: Date;
  eventType: string;
  summary: string;
  status: string;
  attempts: number;
  lastError: string | null;
  operatorMessage: string | null;
  lastHttpStatus: number | null;
};

/** An endpoint's latest deliveries, newest first. */
export async function listDeliveries(db: Db, endpointId: string, take = 50): Promise<DeliveryRow[]> {
  const rows = await db.notificationDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "desc" },
    take,
    include: { event: { select: { type: true, summary: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    eventType: row.event.type,
    summary: row.event.summary,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    operatorMessage: row.operatorMessage,
    lastHttpStatus: (row.attemptLog as Attempt[]).at(-1)?.httpStatus ?? null,
  }));
}
