// The production build as `npm start` makes it (next build, then the sources' fingerprint recorded in .next), for
// an image built ahead of its start: `npm start` then finds the build current and serves it without building.
import { spawnSync } from "node:child_process";
import { isBuildCurrent, markBuildCurrent, sourceFingerprint } from "@/lib/runtime/build-freshness";
import { projectRoot } from "@/lib/runtime/paths";

const fingerprint = sourceFingerprint(projectRoot);
if (isBuildCurrent(projectRoot, fingerprint)) {
  console.log("The build is current.");
} else {
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  markBuildCurrent(projectRoot, fingerprint);
}
