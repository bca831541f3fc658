/**
 * `npm run bench:server [-- --seconds 30 --warm-up 10 --clients 100 --rate 2 --write-share 0.2
 * --db sqlite|postgres|both --cpu-prof DIR --trace FILE --no-saturation]`:
 * load on the registry API (issue 5 item 11). For each database it starts a real `mmreg serve` child
 * process on 127.0.0.1 (an embedded SQLite file seeded with the demo reference study; for PostgreSQL
 * a throwaway server from scripts/test-postgres.mjs, filled by restoring a backup of that seed),
 * logs in the four demo centre investigators, creates a personal API token for each, and runs two
 * autocannon loads at once: readers (patient list, one patient, its laboratory results, its derived
 * results) and writers (a new laboratory result, which also recomputes the patient's derived results
 * and appends an audit record in the same transaction). Every request is authenticated as a centre
 * user, so centre isolation is on the hot path.
 *
 * Per database, after a warm-up:
 * 0. warm-up (reported, not judged): the verdict run's load for `--warm-up` seconds (default 10), so
 *    the verdict is on a server in its steady state, the way it runs for days, rather than on its first
 *    seconds: V8 compiles the request paths, PostgreSQL backends fill their catalogue caches and parse
 *    each prepared statement once. A cold server's first 2 s answer in up to ≈ 0.9 s here (measured);
 *    `--warm-up 0` measures that start.
 * 1. the verdict run, `--seconds` long: `--clients` simulated users, each waiting for its answer and then thinking for
 *    an exponential time of mean 1/`--rate` s (default rate 2: a busy data-entry user sends a request
 *    every few seconds; 100 such users offer about 200 requests/s, `--write-share` of them writes).
 *    Targets: 0 errors, p99 < 50 ms for reads, < 100 ms for writes. (autocannon's own rate limit
 *    fires every connection's quota at the same instant each second, a synchronised burst no real
 *    user population makes, so this run uses a small seeded driver of its own.)
 * 2. saturation (informational, `--seconds` long): the same clients with no pause between requests, which measures the
 *    server's capacity; its latencies are queueing time (clients ÷ throughput), not service time.
 * After the verdict run it prints the CPU time the server process (and, for PostgreSQL, all PostgreSQL
 * processes) used per request, read from /proc: unlike latency it hardly depends on what else the
 * machine runs, so it compares two versions fairly on a busy box.
 * `--cpu-prof DIR` writes a V8 CPU profile of each server process into DIR (open it in Chrome DevTools);
 * `--trace FILE` writes every request of each verdict run (start, latency, kind, status) to
 * FILE.<database>.json, to see whether slow answers come alone or together;
 * `--no-saturation` skips run 2 (with `--cpu-prof`, the profile is then of the verdict run alone).
 * The load generator shares the machine's cores with the server; run on an otherwise idle machine.
 * Loopback only, bounded in time; never part of `npm test`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startTestPostgres } from '../test-postgres.mjs';

interface BenchOptions {
  readonly seconds: number;
  /** Seconds of unjudged load before the verdict run. */
  readonly warmUpSeconds: number;
  readonly clients: number;
  /** Requests per second per client in the verdict run. */
  readonly rate: number;
  readonly writeShare: number;
  readonly databases: readonly ('sqlite' | 'postgres')[];
  /** Where the server processes write V8 CPU profiles, or null. */
  readonly cpuProfileDir: string | null;
  readonly isSaturationRun: boolean;
  /** Where each verdict run's requests are written as JSON (`FILE.sqlite.json`, `FILE.postgres.json`), or null. */
  readonly traceFile: string | null;
}

const root = join(import.meta.dirname, '..', '..');
const mmregBin = join(root, 'apps', 'cli', 'bin', 'mmreg.js');

function parseArguments(argv: readonly string[]): BenchOptions {
  let seconds = 30;
  let warmUpSeconds = 10;
  let clients = 100;
  let rate = 2;
  let writeShare = 0.2;
  let databases: BenchOptions['databases'] = ['sqlite', 'postgres'];
  let cpuProfileDir: string | null = null;
  let isSaturationRun = true;
  let traceFile: string | null = null;
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (name === '--no-saturation') {
      isSaturationRun = false;
      i -= 1;
      continue;
    }
    const value = argv[i + 1] ?? '';
    if (name === '--seconds') seconds = Number(value);
    else if (name === '--warm-up') warmUpSeconds = Number(value);
    else if (name === '--clients') clients = Number(value);
    else if (name === '--rate') rate = Number(value);
    else if (name === '--write-share') writeShare = Number(value);
    else if (name === '--db') databases = value === 'both' ? ['sqlite', 'postgres'] : [value as 'sqlite' | 'postgres'];
    else if (name === '--cpu-prof') cpuProfileDir = value;
    else if (name === '--trace') traceFile = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!(seconds > 0 && warmUpSeconds >= 0 && clients >= 2 && rate > 0 && writeShare > 0 && writeShare < 1)) {
    throw new Error('--seconds > 0, --warm-up ≥ 0, --clients ≥ 2, --rate > 0 and 0 < --write-share < 1 are required');
  }
  return { seconds, warmUpSeconds, clients, rate, writeShare, databases, cpuProfileDir, isSaturationRun, traceFile };
}

function runCli(args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [mmregBin, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`mmreg ${args.join(' ')}: ${err}`)),
    );
    child.stdin.end(input ?? '');
  });
}

interface Served {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly credentials: ReadonlyMap<string, string>;
}

/** Starts `mmreg serve` and reads the port and the demo credentials it prints. */
function serve(databaseUrl: string, cpuProfileDir: string | null = null): Promise<Served> {
  return new Promise((resolvePromise, reject) => {
    const profile = cpuProfileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
    const child = spawn(process.execPath, [...profile, mmregBin, 'serve', '--db', databaseUrl, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out);
      if (listening?.[1] !== undefined) {
        const credentials = new Map<string, string>();
        for (const match of out.matchAll(/^ {2}(\S+)\s+(\S+)\s+(coordinator|investigator)/gm)) {
          if (match[1] !== undefined && match[2] !== undefined) credentials.set(match[1], match[2]);
        }
        resolvePromise({ child, baseUrl: listening[1], credentials });
      }
    });
    child.on('exit', (code) => reject(new Error(`mmreg serve exited with ${code}: ${err}`)));
  });
}

async function bearerToken(baseUrl: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200 && login.status !== 201)
    throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ label: 'bench' }),
  });
  if (created.status !== 201) throw new Error(`token ${username}: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

interface Client {
  readonly token: string;
  readonly patientIds: readonly number[];
}

async function prepareClients(served: Served): Promise<readonly Client[]> {
  const clients: Client[] = [];
  for (const [username, password] of served.credentials) {
    if (!username.startsWith('investigator')) continue;
    const token = await bearerToken(served.baseUrl, username, password);
    const response = await fetch(`${served.baseUrl}/api/patients`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { patients?: { id: number }[] } | { id: number }[];
    const patients = Array.isArray(body) ? body : (body.patients ?? []);
    clients.push({ token, patientIds: patients.map((patient) => patient.id) });
  }
  if (clients.length === 0 || clients.some((client) => client.patientIds.length === 0)) {
    throw new Error('the demo investigators see no patients: is the database seeded?');
  }
  return clients;
}

type Kind = 'reads' | 'writes';

function load(
  served: Served,
  clients: readonly Client[],
  kind: Kind,
  run: { readonly connections: number; readonly seconds: number; readonly rate: number | null },
) {
  // One autocannon instance per client token, connections split evenly, so every request is
  // authenticated as a centre user and touches that centre's patients only.
  const perClient = Math.max(1, Math.floor(run.connections / clients.length));
  return Promise.all(
    clients.map((client, clientIndex) => {
      let counter = clientIndex * 1_000_000;
      const nextPatient = () => {
        counter += 1;
        return client.patientIds[counter % client.patientIds.length] ?? 0;
      };
      const headers = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };
      const requests: autocannon.Request[] =
        kind === 'reads'
          ? [
              { method: 'GET', path: '/api/patients', headers },
              {
                method: 'GET',
                setupRequest: (request) => ({ ...request, path: `/api/patients/${nextPatient()}` }),
                headers,
              },
              {
                method: 'GET',
                setupRequest: (request) => ({ ...request, path: `/api/patients/${nextPatient()}/assessments` }),
                headers,
              },
              {
                method: 'GET',
                setupRequest: (request) => ({ ...request, path: `/api/patients/${nextPatient()}/derived` }),
                headers,
              },
            ]
          : [
              {
                method: 'POST',
                headers,
                setupRequest: (request) => {
                  const day = 1 + (counter % 28);
                  return {
                    ...request,
                    path: `/api/patients/${nextPatient()}/assessments`,
                    body: JSON.stringify({
                      date: `2006-11-${String(day).padStart(2, '0')}`,
                      test: 'hemoglobin',
                      value: 9 + (counter % 40) / 10,
                      result: null,
                      unit: 'g/dL',
                    }),
                  };
                },
              },
            ];
      return autocannon({
        url: served.baseUrl,
        connections: perClient,
        duration: run.seconds,
        requests,
        ...(run.rate === null ? {} : { connectionRate: run.rate }),
      });
    }),
  );
}

interface Summary {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

function summarise(results: readonly autocannon.Result[], seconds: number): Summary {
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  const errors = results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0);
  // Per-instance percentiles cannot be merged exactly; report the worst instance (conservative).
  const p50 = Math.max(...results.map((result) => result.latency.p50));
  const p99 = Math.max(...results.map((result) => result.latency.p99));
  return { requests, perSecond: requests / seconds, p50, p99, errors };
}

type TraceEntry = [startMs: number, latencyMs: number, kind: Kind, status: number];

/** Clock ticks per second of /proc/<pid>/stat times (Linux's USER_HZ, 100 on every common build). */
const ticksPerSecond = 100;

/**
 * CPU seconds used so far (user + system) by the server process and by all PostgreSQL processes,
 * read from /proc (Linux; null elsewhere). Unlike latency, CPU time per request hardly changes with
 * what else the machine runs, so it compares two versions fairly on a busy box.
 */
function cpuSeconds(serverPid: number | undefined): { server: number; postgres: number } | null {
  if (serverPid === undefined || !existsSync('/proc/self/stat')) return null;
  const times = (pid: string): { command: string; seconds: number } | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), so indices 11 and 12 here.
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
      return { command: stat.slice(stat.indexOf('(') + 1, close), seconds };
    } catch {
      return null;
    }
  };
  let postgres = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const process = times(pid);
    if (process?.command === 'postgres') postgres += process.seconds;
  }
  return { server: times(String(serverPid))?.seconds ?? 0, postgres };
}

/** A seeded uniform generator (mulberry32), so every run offers the same request schedule. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function summariseLatencies(latencies: number[], errors: number, seconds: number): Summary {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length + errors,
    perSecond: (latencies.length + errors) / seconds,
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    errors,
  };
}

/**
 * One request over `agent`; resolves with the status once the whole answer has arrived. node:http
 * rather than fetch: the load generator shares the cores with the server, and fetch's web streams
 * cost it several times the CPU per request.
 */
function send(
  agent: Agent,
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Readonly<Record<string, string>>,
  body?: string,
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, { method, headers, agent }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolvePromise(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * The verdict run: independent users, each waiting for its answer and then "thinking" for an
 * exponentially distributed time (mean 1/rate), so arrivals are spread like real users' rather
 * than in the synchronised once-a-second bursts of autocannon's rate limit.
 */
async function simulateUsers(
  served: Served,
  clients: readonly Client[],
  options: {
    readonly readers: number;
    readonly writers: number;
    readonly seconds: number;
    readonly rate: number;
    /** Collects [start ms from the run's start, latency ms, kind, status] of every answered request. */
    readonly trace?: TraceEntry[] | undefined;
  },
): Promise<{ reads: Summary; writes: Summary; client: { delayP99: number; delayMax: number; cpuSeconds: number } }> {
  const cpuBefore = process.cpuUsage();
  const trace = options.trace;
  // The load generator's own stalls (its GC, the machine's scheduler) would count as server latency:
  // measure them, so a slow answer can be told from a slow client.
  const clientDelay = monitorEventLoopDelay({ resolution: 5 });
  // One kept-alive connection per simulated user at most, like a browser tab.
  const agent = new Agent({ keepAlive: true, maxSockets: options.readers + options.writers });
  clientDelay.enable();
  const random = seededRandom(20070501);
  const deadline = performance.now() + options.seconds * 1000;
  const latencies = { reads: [] as number[], writes: [] as number[] };
  const startedAt = performance.now();
  const errors = { reads: 0, writes: 0 };
  const think = () => new Promise((resolve) => setTimeout(resolve, (-Math.log(1 - random()) / options.rate) * 1000));
  const user = async (index: number, kind: Kind) => {
    const client = clients[index % clients.length] as Client;
    const headers = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };
    let step = index;
    await think();
    while (performance.now() < deadline) {
      step += 1;
      const patient = client.patientIds[step % client.patientIds.length] ?? 0;
      const paths = [
        '/api/patients',
        `/api/patients/${patient}`,
        `/api/patients/${patient}/assessments`,
        `/api/patients/${patient}/derived`,
      ];
      const started = performance.now();
      try {
        const status =
          kind === 'reads'
            ? await send(agent, served.baseUrl, 'GET', paths[step % paths.length] ?? '/api/patients', headers)
            : await send(
                agent,
                served.baseUrl,
                'POST',
                `/api/patients/${patient}/assessments`,
                headers,
                JSON.stringify({
                  date: `2006-11-${String(1 + (step % 28)).padStart(2, '0')}`,
                  test: 'hemoglobin',
                  value: 9 + (step % 40) / 10,
                  result: null,
                  unit: 'g/dL',
                }),
              );
        const latency = performance.now() - started;
        trace?.push([Math.round(started - startedAt), Math.round(latency * 10) / 10, kind, status]);
        if (status >= 200 && status < 300) latencies[kind].push(latency);
        else errors[kind] += 1;
      } catch {
        errors[kind] += 1;
      }
      await think();
    }
  };
  await Promise.all([
    ...Array.from({ length: options.readers }, (_, index) => user(index, 'reads')),
    ...Array.from({ length: options.writers }, (_, index) => user(index, 'writes')),
  ]);
  clientDelay.disable();
  agent.destroy();
  return {
    client: {
      delayP99: clientDelay.percentile(99) / 1e6,
      delayMax: clientDelay.max / 1e6,
      cpuSeconds: ((cpu) => (cpu.user + cpu.system) / 1e6)(process.cpuUsage(cpuBefore)),
    },
    reads: summariseLatencies(latencies.reads, errors.reads, options.seconds),
    writes: summariseLatencies(latencies.writes, errors.writes, options.seconds),
  };
}

async function benchDatabase(kind: 'sqlite' | 'postgres', options: BenchOptions): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'mmreg-bench-server-'));
  let postgres: { url: string; stop: () => void } | null = null;
  let served: Served | null = null;
  try {
    let url = `sqlite:${join(dir, 'mmreg.db')}`;
    if (kind === 'postgres') {
      postgres = await startTestPostgres();
      url = postgres.url;
      // PostgreSQL is never seeded by `serve`: seed a SQLite file, back it up, restore it into PG.
      const seedUrl = `sqlite:${join(dir, 'seed.db')}`;
      const seeded = await serve(seedUrl);
      seeded.child.kill('SIGTERM');
      await new Promise((resolvePromise) => seeded.child.once('exit', resolvePromise));
      await runCli(['backup', join(dir, 'seed.json'), '--db', seedUrl]);
      await runCli(['restore', join(dir, 'seed.json'), '--db', url]);
      served = await serve(url, options.cpuProfileDir);
      served = { ...served, credentials: seeded.credentials };
    } else {
      served = await serve(url, options.cpuProfileDir);
    }
    const clients = await prepareClients(served);
    const writers = Math.max(1, Math.round(options.clients * options.writeShare));
    const readers = options.clients - writers;
    const saturate = async (rate: number | null) => {
      const [readResults, writeResults] = await Promise.all([
        load(served as Served, clients, 'reads', { connections: readers, seconds: options.seconds, rate }),
        load(served as Served, clients, 'writes', { connections: writers, seconds: options.seconds, rate }),
      ]);
      return { reads: summarise(readResults, options.seconds), writes: summarise(writeResults, options.seconds) };
    };
    const line = (name: string, summary: Summary, p99Target: number | null) => {
      const pass = summary.errors === 0 && (p99Target === null || summary.p99 < p99Target);
      const verdict =
        p99Target === null ? '' : `  → ${pass ? 'PASS' : 'FAIL'} (target: 0 errors, p99 < ${p99Target} ms)`;
      process.stdout.write(
        `  ${name.padEnd(6)} ${summary.requests} requests, ${summary.perSecond.toFixed(0)}/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms, errors ${summary.errors}${verdict}\n`,
      );
      return pass;
    };
    const users = { readers, writers, rate: options.rate };
    if (options.warmUpSeconds > 0) {
      process.stdout.write(
        `\n${kind}: warm-up, the same load for ${options.warmUpSeconds} s (reported, not judged)…\n`,
      );
      const warmUp = await simulateUsers(served, clients, { ...users, seconds: options.warmUpSeconds });
      line('reads', warmUp.reads, null);
      line('writes', warmUp.writes, null);
    }
    process.stdout.write(
      `\n${kind}: ${options.clients} authenticated clients (${readers} reading, ${writers} writing), ${options.rate} requests/s each, ${options.seconds} s…\n`,
    );
    const cpuBefore = cpuSeconds(served.child.pid);
    const trace: TraceEntry[] | undefined = options.traceFile === null ? undefined : [];
    const rated = await simulateUsers(served, clients, { ...users, seconds: options.seconds, trace });
    if (options.traceFile !== null) writeFileSync(`${options.traceFile}.${kind}.json`, JSON.stringify(trace));
    const cpuAfter = cpuSeconds(served.child.pid);
    const readsPass = line('reads', rated.reads, 50);
    const writesPass = line('writes', rated.writes, 100);
    process.stdout.write(
      `  client load generator: event-loop delay p99 ${rated.client.delayP99.toFixed(1)} ms, max ${rated.client.delayMax.toFixed(1)} ms (counted in the latencies above)\n`,
    );
    if (cpuBefore !== null && cpuAfter !== null) {
      const served = rated.reads.requests + rated.writes.requests;
      const share = (seconds: number) =>
        `${((100 * seconds) / options.seconds).toFixed(0)} % of a core, ${((1000 * seconds) / served).toFixed(2)} ms per request`;
      process.stdout.write(
        `  CPU    server process ${share(cpuAfter.server - cpuBefore.server)}${kind === 'postgres' ? `; PostgreSQL ${share(cpuAfter.postgres - cpuBefore.postgres)}` : ''}; load generator ${share(rated.client.cpuSeconds)}\n`,
      );
    }
    if (!options.isSaturationRun) return readsPass && writesPass;
    process.stdout.write(
      `${kind}: saturation, the same clients without pauses, ${options.seconds} s (capacity; informational)…\n`,
    );
    const saturated = await saturate(null);
    line('reads', saturated.reads, null);
    line('writes', saturated.writes, null);
    process.stdout.write(
      `  capacity ≈ ${(saturated.reads.perSecond + saturated.writes.perSecond).toFixed(0)} requests/s at this mix\n`,
    );
    return readsPass && writesPass;
  } finally {
    if (served !== null && served.child.exitCode === null && served.child.signalCode === null) {
      // Wait for the exit: the server writes its CPU profile then, and PostgreSQL must outlive it.
      const exited = new Promise((resolvePromise) => served?.child.once('exit', resolvePromise));
      served.child.kill('SIGTERM');
      await exited;
    }
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = parseArguments(process.argv.slice(2));
process.stdout.write(
  `load average before: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}\n`,
);
let allPass = true;
for (const database of options.databases) allPass = (await benchDatabase(database, options)) && allPass;
process.stdout.write(
  `load average after: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}\n`,
);
process.exitCode = allPass ? 0 : 1;
