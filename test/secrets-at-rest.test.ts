import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { encodingsOf } from "@/lib/audit/redact";
import { recordAuditEvent, systemActor } from "@/lib/audit/record";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { sealSecret } from "@/lib/secrets/store";
import { createUser, resetUserPassword } from "@/lib/users/manage-users";
import { isolatedDatabase, uniqueEmail } from "@/test/support/db";

const isolated = await isolatedDatabase();
afterAll(() => isolated.drop());

/** Every row of every table, as text, the way a database dump would expose it. */
async function dumpDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      parts.push(...rows.map((row) => row.row));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

describe("no secret is stored in clear", () => {
  it("keeps passwords, sealed values and secrets mentioned in audit details out of every table, in every encoding", async () => {
    const db = isolated.db;
    const secrets: string[] = [
      "user-chosen-password-42",
      "oauth-client-secret-Zx81",
      "-----BEGIN RSA PRIVATE KEY-----MIIEvgIBADANBgkqhkiG9w0BAQEFAASC",
      "key-encryption-password-Q7",
    ];
    const { user } = await createUser(
      db,
      { actor: systemActor },
      { email: uniqueEmail(), name: "At rest", role: "admin", password: secrets[0] },
    );
    const { generatedPassword } = await resetUserPassword(db, { actor: systemActor }, { id: user.id });
    secrets.push(generatedPassword);
    await authenticateWithPassword(db, {
      email: user.email,
      password: secrets[0]!,
      clientAddress: "127.0.0.1",
      userAgent: "vitest",
    });
    for (const [index, value] of secrets.slice(1, 4).entries()) {
      await sealSecret(db, { ref: { ownerType: "tenant", ownerId: "t1", purpose: `secret-${index}` }, value });
    }
    // A careless caller mentions the values in free text: redaction must still keep them out.
    await db.$transaction((tx) =>
      recordAuditEvent(
        tx,
        { actor: systemActor },
        {
          event: {
            action: "secret.reveal",
            outcome: "success",
            target: { type: "tenant", id: "t1" },
            details: {
              purpose: `client secret is ${secrets[1]}`,
              reason: `key ${Buffer.from(secrets[2]!).toString("base64")} and ${encodeURIComponent(secrets[3]!)}`,
            },
          },
        },
      ),
    );
    const dump = await dumpDatabase(isolated.url);
    expect(dump.length).toBeGreaterThan(500);
    for (const secret of secrets) {
      for (const encoded of encodingsOf(secret))
        expect(dump.includes(encoded), `found ${secret.slice(0, 8)}… in the database`).toBe(false);
    }
  });
});
