import type pg from "pg";
import type { Db } from "@/lib/db/client";

/** One page's share of bench/pages: seed its data into the fresh database, then name the queries to time. */
export type PagePart = {
  /** Chooses the part on the command line (`tsx bench/pages/main.ts tenants`) or in PAGES_BENCH_PARTS. */
  key: string;
  name: string;
  describe: string;
  seed(client: pg.Client): Promise<void>;
  measurements(client: pg.Client, db: Db): Promise<{ label: string; run: () => Promise<unknown> }[]>;
};
