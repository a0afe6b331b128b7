import { readFile } from "node:fs/promises";

/** Kernel clock ticks per second in /proc (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** CPU time used so far: by the whole machine (busy, all cores) and by some processes. */
export interface CpuSample {
  /** performance.now() when taken. */
  atMs: number;
  machineBusySeconds: number;
  /** Per pid, user + system seconds. */
  processSeconds: Map<number, number>;
}

/** Average CPU use between two samples, in cores (1 = one core fully busy). */
export interface CpuUse {
  machineCores: number;
  /** Per pid. */
  processCores: Map<number, number>;
  /** The machine's use not accounted for by the sampled processes. */
  otherCores: number;
}

export async function sampleCpu(pids: readonly number[]): Promise<CpuSample> {
  const [stat, ...processStats] = await Promise.all([
    readFile("/proc/stat", "utf8"),
    ...pids.map((pid) => readFile(`/proc/${pid}/stat`, "utf8")),
  ]);
  return {
    atMs: performance.now(),
    machineBusySeconds: machineBusyTicks(stat ?? "") / ticksPerSecond,
    processSeconds: new Map(pids.map((pid, i) => [pid, processTicks(processStats[i] ?? "") / ticksPerSecond])),
  };
}

export function cpuBetween(before: CpuSample, after: CpuSample): CpuUse {
  const wallSeconds = (after.atMs - before.atMs) / 1000;
  const machineCores = (after.machineBusySeconds - before.machineBusySeconds) / wallSeconds;
  const processCores = new Map<number, number>();
  for (const [pid, seconds] of after.processSeconds) {
    processCores.set(pid, (seconds - (before.processSeconds.get(pid) ?? seconds)) / wallSeconds);
  }
  const ours = [...processCores.values()].reduce((sum, cores) => sum + cores, 0);
  return { machineCores, processCores, otherCores: Math.max(0, machineCores - ours) };
}

/** Busy ticks of all cores from /proc/stat's `cpu` line: everything but idle and iowait (guest time is inside user). */
export function machineBusyTicks(procStat: string): number {
  const line = procStat.split("\n").find((l) => l.startsWith("cpu "));
  if (line === undefined) throw new Error("no cpu line in /proc/stat");
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** utime + stime of /proc/<pid>/stat; fields counted after the `(comm)`, which may hold spaces. */
export function processTicks(pidStat: string): number {
  const fields = pidStat.slice(pidStat.lastIndexOf(")") + 2).split(" ");
  // After the comm: state is field 3 of the man page, utime 14 and stime 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error("unreadable /proc/<pid>/stat");
  return utime + stime;
}
