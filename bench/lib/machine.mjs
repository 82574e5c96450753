// What the numbers ran on. The machine is shared with other engineers' test runs, so the
// load average during a run is part of the result: a p99 measured at load 6 on 2 cores says
// more about the neighbours than about the code. We wait (bounded) for a quiet machine before
// a full run and record the load either way.
import { readFileSync, readdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { sleep } from "./stats.mjs";

export function machineInfo() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/**
 * Waits until the 1-minute load average is at most `max`, checking every 15 s, for at most
 * `timeoutMs`. Returns the load it started with. Never fails: a busy machine is recorded, not
 * refused, since the issue asks for numbers either way.
 */
export async function waitForQuiet({ max = 2.5, timeoutMs = 10 * 60_000, log = console.log } = {}) {
  const deadline = Date.now() + timeoutMs;
  let load = loadavg()[0];
  while (load > max && Date.now() < deadline) {
    log(`machine busy: 1-min load average ${load.toFixed(2)} > ${max}; waiting (up to ${Math.round((deadline - Date.now()) / 1000)} s more)`);
    await sleep(15_000);
    load = loadavg()[0];
  }
  if (load > max) log(`still busy (load ${load.toFixed(2)}); running anyway, the load is recorded`);
  return load;
}

/** Samples the 1-minute load average every `everyMs` until stopped. */
export function loadSampler(everyMs = 5000) {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(loadavg()[0]);
      const round = (x) => Math.round(x * 100) / 100;
      return { min: round(Math.min(...samples)), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length), max: round(Math.max(...samples)) };
    },
  };
}

// ---- per-process figures from /proc (Linux) ---------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on every Linux we run on

/** Processes of a process group: [{pid, comm, args}]. */
export function groupProcesses(pgid) {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${name}/stat`, "utf8"));
      if (stat.pgrp !== pgid) continue;
      const args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim();
      out.push({ pid: Number(name), comm: stat.comm, args });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function parseStat(text) {
  // comm may contain spaces and parentheses: split after the last ')'.
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const f = text.slice(close + 2).split(" ");
  // f[0] is field 3 (state); pgrp is field 5, utime 14, stime 15.
  return { comm, pgrp: Number(f[2]), utime: Number(f[11]), stime: Number(f[12]) };
}

/** Resident memory of a process in MiB (null if it is gone). */
export function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid) {
  try {
    const s = parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
    return (s.utime + s.stime) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * Measures CPU use of some processes (and of this one) over an interval, as a share of one
 * core: 1.0 = one core busy the whole time. On 2 cores, server + client near 2.0 means the
 * client itself may be what limits the measurement.
 */
export function cpuMeter(pids) {
  const t0 = performance.now();
  const start = new Map(pids.map((p) => [p, cpuMs(p)]));
  const self0 = process.cpuUsage();
  return () => {
    const wall = performance.now() - t0;
    const shares = {};
    for (const p of pids) {
      const a = start.get(p);
      const b = cpuMs(p);
      shares[p] = a === null || b === null ? null : Math.round(((b - a) / wall) * 100) / 100;
    }
    const self = process.cpuUsage(self0);
    return { byPid: shares, client: Math.round(((self.user + self.system) / 1000 / wall) * 100) / 100 };
  };
}

/**
 * Waits (bounded) until the processes are quiet: under `maxCores` of CPU for `quietMs` in a
 * row. A server that fell behind keeps delivering the last run's backlog; measuring the next
 * run on top of that would blame it for its predecessor. Returns how long it waited.
 */
export async function waitIdle(pids, { maxCores = 0.1, quietMs = 2000, timeoutMs = 120_000 } = {}) {
  const t0 = performance.now();
  let quietSince = null;
  let last = pids.map(cpuMs);
  let lastAt = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    await sleep(500);
    const now = pids.map(cpuMs);
    const at = performance.now();
    const cores = now.reduce((n, v, i) => n + (v ?? 0) - (last[i] ?? 0), 0) / (at - lastAt);
    [last, lastAt] = [now, at];
    if (cores > maxCores) quietSince = null;
    else if ((quietSince ??= at) && at - quietSince >= quietMs) return { waitedMs: Math.round(at - t0), idle: true };
  }
  return { waitedMs: Math.round(performance.now() - t0), idle: false };
}
