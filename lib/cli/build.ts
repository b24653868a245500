// `npm start` builds only when the build is missing or stale: the inputs' content hash is kept beside the build.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.ts", "proxy.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json", "prisma/model.prisma"];
const STAMP = ".next/tollgate-build.sha256";

function* files(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (!/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

export function buildInputsHash(root = process.cwd()): string {
  const hash = crypto.createHash("sha256");
  const all = [...INPUT_DIRS.flatMap((d) => [...files(path.join(root, d))]), ...INPUT_FILES.map((f) => path.join(root, f))];
  for (const file of all) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  return fs.existsSync(path.join(root, ".next/BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === buildInputsHash(root);
}

export function ensureBuild(root = process.cwd(), log: (line: string) => void = console.log): void {
  if (buildIsCurrent(root)) return;
  log("Building Tollgate (first start or sources changed)…");
  const hash = buildInputsHash(root);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed; see the output above.");
  fs.writeFileSync(path.join(root, STAMP), hash);
}
