// Installs the app's packages when package-lock.json changed (npm ci) and builds it when a source is newer than
// dist/index.html (npm run build). Run by the API's build (src/WebApi/WebApp/WebApp.targets); `--deps` installs only.
//
// Builds of several projects, or several `dotnet build`s, may call this at once: a lock folder lets one run at a
// time, and each re-checks what is up to date after taking it, so the second one finds the work done.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, ".build.lock");
const depsOnly = process.argv.includes("--deps");
const staleAfterMs = 15 * 60 * 1000;

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function newest(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return -1;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), info.mtimeMs);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

async function acquire() {
  const deadline = Date.now() + staleAfterMs;
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lock, "pid"), "utf8"));
    } catch {
      // being written or removed right now
    }
    const abandoned = (Number.isInteger(holder) && holder > 0 && !alive(holder)) || Date.now() - mtime(lock) > staleAfterMs;
    if (abandoned) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lock} is held by process ${holder}; remove the folder if no build is running.`);
    if (!said) {
      console.log("Another build of the web app is running; waiting for it.");
      said = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function npm(...args) {
  console.log(`> npm ${args.join(" ")}`);
  const result = spawnSync("npm", args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await acquire();
try {
  // npm ci writes node_modules/.package-lock.json; older than the lock file means the packages changed.
  if (mtime(join(root, "node_modules", ".package-lock.json")) < mtime(join(root, "package-lock.json"))) {
    npm("ci", "--no-audit", "--no-fund");
  }
  if (!depsOnly) {
    const inputs = ["src", "public", "index.html", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json"]
      .map((p) => newest(join(root, p)));
    if (mtime(join(root, "dist", "index.html")) < Math.max(...inputs)) npm("run", "build");
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
