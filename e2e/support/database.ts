import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { e2eDataDirectory, e2eEnvironment } from "./environment";

/** The app's embedded database, for what a browser cannot do: let time pass. */
async function withE2eDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(join(e2eDataDirectory, "postgres.password"), "utf8").trim();
  const client = new pg.Client({
    host: "127.0.0.1",
    port: Number(e2eEnvironment.EMBEDDED_POSTGRES_PORT),
    user: "postgres",
    password,
    database: "hybrid_provisioner",
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Makes the user's open sessions look as if they signed in `minutes` ago. */
export function ageSignIn(email: string, minutes: number) {
  return withE2eDatabase((client) =>
    client.query(
      `UPDATE user_sessions SET authenticated_at = now() - make_interval(mins => $2)
       WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email = $1)`,
      [email, minutes],
    ),
  );
}
