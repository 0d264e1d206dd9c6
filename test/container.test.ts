import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { settingNames } from "@/lib/config/env";

// The Dockerfile and compose.yaml are not built or run in CI (no container runtime there): this keeps them true to
// the project they package, so a renamed script, variable or Node line shows up here.

const dockerfile = readFileSync("Dockerfile", "utf8");
const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as {
  services: Record<string, { build?: unknown; command?: string[]; environment?: Record<string, string> }>;
};
const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

/** The variables lib/config/env.ts validates (the keys of its schema). */
const knownVariables = () => new Set(settingNames());

/** Major versions `engines.node` admits: each alternative is ^MAJOR or ^MAJOR.MINOR. */
const admittedMajors = () =>
  packageJson.engines.node.split("||").map((range) => Number(/^\s*\^(\d+)/.exec(range)?.[1] ?? Number.NaN));

const imageServices = () => Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

describe("Dockerfile", () => {
  const bases = [...dockerfile.matchAll(/^FROM node:(\d+)\.(\d+)\.(\d+)-bookworm-slim\b/gm)];

  it("builds on one pinned Node version, of a line engines admits and the one .ci/run tests (NODE24_PATH)", () => {
    expect(bases.length).toBe((dockerfile.match(/^FROM /gm) ?? []).length);
    const versions = new Set(bases.map((match) => `${match[1]}.${match[2]}.${match[3]}`));
    expect(versions.size).toBe(1);
    const [version] = [...versions];
    expect(admittedMajors()).toContain(Number(version!.split(".")[0]));
    expect(readFileSync(".ci/run", "utf8")).toContain(`node24_version=${version}\n`);
  });

  it("runs the project's own steps as a non-root user, with a health check on /api/health", () => {
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN node --import tsx scripts\/build\.ts$/m);
    expect(existsSync("scripts/build.ts")).toBe(true);
    for (const [, file] of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm))
      for (const path of file!.split(" ")) if (path !== ".") expect(existsSync(path), path).toBe(true);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(runtime).toMatch(/^USER (?!root\b)\S+$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/api\/health/m);
    const port = /PORT=(\d+)/.exec(runtime)?.[1];
    expect(runtime).toContain(`EXPOSE ${port}`);
    expect(runtime).toMatch(/^CMD \["npm", "start"\]$/m);
  });

  it("leaves local state, secrets and dependencies out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    for (const entry of [".git", "node_modules", ".next", ".data", ".env", "lib/generated"])
      expect(ignored).toContain(entry);
  });
});

describe("compose.yaml", () => {
  it("sets only variables lib/config/env.ts knows on the image's services", () => {
    const known = knownVariables();
    expect(known.has("DATABASE_URL")).toBe(true);
    for (const [name, service] of imageServices())
      for (const variable of Object.keys(service.environment ?? {}))
        expect(known, `${name}: ${variable}`).toContain(variable);
  });

  it("runs npm scripts that exist: migrations once, a dashboard without a worker, and two workers", () => {
    const scripts = new Set(Object.keys(packageJson.scripts));
    const commands = imageServices().map(([name, service]) => [name, service.command ?? ["npm", "start"]] as const);
    for (const [name, command] of commands) {
      const script = command[1] === "run" ? command[2] : command[1];
      expect(command[0], name).toBe("npm");
      expect(scripts, name).toContain(script);
    }
    const running = (script: string) => commands.filter(([, command]) => command.join(" ") === `npm run ${script}`);
    expect(running("db:migrate")).toHaveLength(1);
    expect(running("worker").length).toBeGreaterThanOrEqual(2);
    const dashboards = imageServices().filter(([, service]) => service.command?.join(" ") === "npm start");
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]![1].environment).toMatchObject({ WORKER: "off", DATA_DIR: "/data" });
  });

  it("takes every secret from the environment (.env), never from the file", () => {
    for (const [name, service] of imageServices()) {
      const environment = service.environment ?? {};
      for (const variable of ["APP_ENCRYPTION_KEY", "NEXTAUTH_SECRET", "ADMIN_PASSWORD"])
        if (variable in environment) expect(environment[variable], `${name}: ${variable}`).toMatch(/^\$\{[A-Z_]+[:?-]/);
      expect(environment.DATABASE_URL, name).toMatch(/^postgresql:\/\/hp:\$\{POSTGRES_PASSWORD:\?/);
    }
    expect(compose.services.postgres?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });
});
