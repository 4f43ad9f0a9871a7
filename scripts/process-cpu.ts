import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (ms, user + system) used so far by this process and its live children — the local
 * cloud's function instances — read from /proc (Linux). Unlike wall time it barely moves when
 * other work shares the machine, so a benchmark can report cost per operation honestly.
 * Returns null where /proc is unavailable.
 */
export function treeCpuMs(): number | null {
  return treeCpuSplit()?.total ?? null;
}

/**
 * The same, split: `self` is this process (the bench's client, the gateway and the local cloud's
 * database server run in it), `children` the function instances (our bundles and wx-server-sdk).
 */
export function treeCpuSplit(): { self: number; children: number; total: number } | null {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const statOf = (pid: string): { ppid: number; cpu: number } | null => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) / ticksPerMs };
    } catch {
      return null;
    }
  };
  const self = statOf(String(process.pid));
  if (!self) return null;
  let children = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const s = statOf(pid);
    if (s?.ppid === process.pid) children += s.cpu;
  }
  return { self: self.cpu, children, total: self.cpu + children };
}
