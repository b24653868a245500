// A real Tollgate server and the `tollgate` commands around it, run exactly as a user runs them: the benchmark and
// the reliability drills start `tollgate start` against throwaway databases and stop the whole process tree after.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
export const TOLLGATE_BIN = path.join(REPO_ROOT, "bin", "tollgate.mjs");
/** `start` builds when the build is stale; a first build takes about a minute on this machine. */
const READY_TIMEOUT_MS = 15 * 60_000;
const STOP_GRACE_MS = 10_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `tollgate ARGS` to completion and returns its stdout; fails with its stderr when it exits non-zero. */
export function runTollgate(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TOLLGATE_BIN, ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`tollgate ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${stderr || stdout}`));
    });
  });
}

export interface ProcessPeak {
  pid: number;
  command: string;
  /** VmHWM: the most resident memory the process ever had. */
  peakRssMB: number;
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // the process is gone
  }
}

/** The process and all its descendants that are alive now. */
export function processTree(rootPid: number): number[] {
  const pids: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.shift()!;
    if (!fs.existsSync(`/proc/${pid}`)) continue;
    pids.push(pid);
    pending.push(...childPids(pid));
  }
  return pids;
}

function processPeak(pid: number): ProcessPeak | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    const command = processCommand(pid) ?? "";
    return { pid, command: command.slice(0, 120), peakRssMB: hwm ? Number(hwm[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

/** The command line of a process (next-server renames itself through process.title, which shows here). */
export function processCommand(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return null;
  }
}

/** VmRSS: the resident memory of a process now, in MB; null once it is gone. */
export function processRssMB(pid: number): number | null {
  try {
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return rss ? Number(rss[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ServerProcess {
  /** The `tollgate start` process, leader of the server's process group. */
  pid: number;
  /** The server's URL once it printed its ready line; rejects when it exits or times out first. */
  ready: Promise<string>;
  /** Peak RSS of every process of the server (the start command, next-server, …), largest first. */
  peakRss(): ProcessPeak[];
  /** The `next-server` process (the one that serves requests and holds the database), once it runs. */
  nextServerPid(): number | null;
  /** Resolves when the `tollgate start` process has exited (it exits when next-server dies). */
  exited: Promise<void>;
  /** Stops the whole process tree; safe to call at any time, also before it is ready. */
  stop(): Promise<void>;
}

/**
 * `tollgate start --port P`: migrates, builds when stale, spawns `next start` and prints "Tollgate is ready at URL".
 * It runs in its own process group so that stopping it reaches next-server too, whatever the start command does
 * (and so a Ctrl-C in the terminal reaches only the benchmark, which then stops the server itself).
 */
export function spawnServer(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** More arguments of `tollgate start`, e.g. ["--no-build"]. */
  args?: readonly string[];
}): ServerProcess {
  const child = spawn(process.execPath, [TOLLGATE_BIN, "start", "--port", String(options.port), ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not spawn tollgate start");
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  // Every process of the server seen so far, with its start time, so a reused pid is never mistaken for one.
  const known = new Map<number, string>();
  const remember = (pids: number[]) => {
    for (const p of pids) {
      const started = startTime(p);
      if (started !== null) known.set(p, started);
    }
  };

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server was not ready within ${READY_TIMEOUT_MS / 60_000} minutes`)), READY_TIMEOUT_MS);
    const forward = (stream: NodeJS.ReadableStream) => {
      let pending = "";
      stream.on("data", (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          options.log(line);
          const match = /Tollgate is ready at (\S+)/.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        }
      });
    };
    forward(child.stdout);
    forward(child.stderr);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tollgate start exited (${signal ?? `exit ${code}`}) before it was ready; see its output above`));
    });
  });
  ready.catch(() => undefined); // the caller awaits it; this only keeps an early exit from being "unhandled"

  return {
    pid,
    ready,
    exited: exitedPromise,
    nextServerPid() {
      const pids = processTree(pid);
      remember(pids);
      return pids.find((p) => processCommand(p)?.startsWith("next-server")) ?? null;
    },
    peakRss() {
      const pids = processTree(pid);
      remember(pids);
      return pids
        .map(processPeak)
        .filter((peak): peak is ProcessPeak => peak !== null)
        .sort((a, b) => b.peakRssMB - a.peakRssMB);
    },
    async stop() {
      // Remember the whole tree before signalling: once the start process exits, its children are reparented.
      remember(processTree(pid));
      killGroup(pid, "SIGTERM");
      await Promise.race([exitedPromise, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
      if (!exited) killGroup(pid, "SIGKILL");
      // A process that left the group (none should) must not outlive the benchmark either.
      const deadline = Date.now() + STOP_GRACE_MS;
      for (const [p, started] of known) {
        while (isRunning(p, started) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        if (isRunning(p, started)) process.kill(p, "SIGKILL");
      }
    },
  };
}

function killGroup(groupLeader: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupLeader, signal);
  } catch {
    // the group is gone already
  }
}

/** The fields of /proc/PID/stat from field 3 (state) on; null once the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: split after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
function startTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** Still the same process (not a reused pid), and not a zombie (state Z: exited, waiting to be reaped). */
function isRunning(pid: number, started: string): boolean {
  const fields = statFields(pid);
  return fields !== null && fields[0] !== "Z" && fields[19] === started;
}
