/**
 * `npm run bench:rules [-- --patients 100000 --assessments 24 --chunk 2000 --seed 20240601]`: derivation
 * throughput of the clinical rules engine (issue 4 item 14). Generates synthetic patients with
 * realistic M-protein trajectories (seeded PRNG of this file, no Math.random), then times
 * `deriveResponse` alone and the full `assessPatient` (response + endpoints + CTCAE grading + PCL)
 * over the same data on one thread, and prints assessments per second by wall clock (the PASS/FAIL
 * verdict, target ≥ 1,000,000 per second, one verdict per path), by main-thread CPU time and by process
 * CPU time (which includes V8's GC helper threads), peak RSS (high-water mark of the whole process) and
 * the load average, since wall time is only meaningful on an otherwise idle machine. Patients are
 * generated in chunks of 2,000 so memory and GC measure the engine, not a 10⁷-object input array;
 * only the derivation calls are timed, after a warm-up and two minor garbage collections per chunk (the
 * generator's young objects are not the engine's; the engine's own garbage, and any old-generation
 * collection while it runs, is charged to it; a forced full GC is avoided because V8 then discards
 * optimised code and every chunk would be timed while the JIT recompiles).
 * Never part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type {
  CalendarDate,
  FollowUp,
  LabMeasurement,
  PatientAssessmentInput,
  ResponseInput,
  TherapyLine,
} from '@mmreg/core';
import { assessPatient, deriveResponse } from '@mmreg/core';

const targetAssessmentsPerSecond = 1_000_000;

// Minor collections before each timed chunk, so the generator's young objects are not the engine's
// (the engine's own garbage, and any old-generation collection during the run, is charged to it).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as (options?: { readonly type: 'minor' | 'major' }) => void;

interface BenchOptions {
  readonly patients: number;
  readonly assessments: number;
  readonly chunk: number;
  readonly seed: number;
}

function parseArguments(argv: readonly string[]): BenchOptions {
  const options = { patients: 100_000, assessments: 24, chunk: 2_000, seed: 20240601 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a positive whole number`);
    if (name === '--patients') options.patients = value;
    else if (name === '--assessments') options.assessments = value;
    else if (name === '--chunk') options.chunk = value;
    else if (name === '--seed') options.seed = value;
    else throw new Error(`unknown argument ${name}; use --patients N --assessments N --chunk N --seed N`);
  }
  return options;
}

/** mulberry32: a small, fast, seeded 32-bit generator; uniform doubles in [0, 1). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calendar date of a day number (days since 1970-01-01), H. Hinnant's civil-from-days. */
function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

/** Date strings are shared across patients (a registry reads them once per row anyway). */
const dateCache = new Map<number, CalendarDate>();
function dateOf(dayNumber: number): CalendarDate {
  let date = dateCache.get(dayNumber);
  if (date === undefined) {
    date = fromDayNumber(dayNumber);
    dateCache.set(dayNumber, date);
  }
  return date;
}

export interface SyntheticPatient {
  readonly labs: readonly LabMeasurement[];
  readonly therapyLines: readonly TherapyLine[];
  readonly followUp: FollowUp;
}

const firstIndexDay = 12_784; // 2005-01-01

/**
 * One synthetic patient: IgG/IgA (75 %, serum 1–7 g/dL), light-chain (20 %, urine 0.3–3 g/24 h) or
 * FLC-only (5 %) disease; a response of depth 0–100 % reached with a half-life of 1–3 assessments;
 * in about half the patients a rise from the nadir after a random assessment (progression); IFE turns
 * negative when the M-protein disappears; blood counts with a cycle-1 nadir; a marrow at baseline and
 * at the deepest response; death in a quarter of the patients.
 */
export function generatePatient(random: () => number, assessments: number): SyntheticPatient {
  const indexDay = firstIndexDay + Math.floor(random() * 730);
  const interval = 28;
  const kind = random();
  const isSerum = kind < 0.75;
  const isUrine = kind >= 0.75 && kind < 0.95;
  const serumBaseline = isSerum ? 1 + random() * 6 : 0;
  const urineBaseline = isUrine ? 300 + random() * 2700 : isSerum ? random() * 150 : 0;
  const flcBaseline = 20 + random() * 200;
  const depth = random() < 0.1 ? random() * 0.3 : 0.3 + random() * 0.7;
  const halfLife = 1 + random() * 2;
  const progressesAt = random() < 0.5 ? 3 + Math.floor(random() * (assessments - 3)) : assessments + 1;
  const growth = 1.15 + random() * 0.3;
  const labs: LabMeasurement[] = [];
  const baselineDate = dateOf(indexDay - 3);
  const push = (date: CalendarDate, serum: number, urine: number, flc: number): void => {
    labs.push({ test: 'serum_m_protein', date, value: Math.round(serum * 100) / 100 });
    labs.push({ test: 'urine_m_protein', date, value: Math.round(urine) });
    labs.push({ test: 'serum_ife', date, result: serum > 0 || !isSerum ? 'positive' : 'negative' });
    labs.push({ test: 'urine_ife', date, result: urine > 0 || !isUrine ? 'positive' : 'negative' });
    if (!isSerum && !isUrine) {
      labs.push({ test: 'flc_kappa', date, value: Math.round(flc * 10) / 10 });
      labs.push({ test: 'flc_lambda', date, value: 1.2 });
    }
  };
  push(baselineDate, serumBaseline, urineBaseline, flcBaseline);
  labs.push({ test: 'bm_plasma_cells', date: baselineDate, value: 30 + Math.round(random() * 50) });
  labs.push({ test: 'pb_plasma_cells', date: baselineDate, value: Math.round(random() * 60) });
  labs.push({ test: 'wbc', date: baselineDate, value: 3 + Math.round(random() * 200) / 10 });
  labs.push({ test: 'platelets', date: baselineDate, value: 40 + Math.round(random() * 200) });
  labs.push({ test: 'creatinine_uln', date: baselineDate, value: 1.2 });
  labs.push({ test: 'creatinine', date: baselineDate, value: 0.7 + Math.round(random() * 15) / 10 });
  let fraction = 1;
  let nadirFraction = 1;
  for (let k = 1; k <= assessments; k += 1) {
    const day = indexDay + k * interval;
    const date = dateOf(day);
    if (k < progressesAt) {
      fraction = 1 - depth * (1 - 0.5 ** (k / halfLife));
      nadirFraction = fraction;
    } else {
      fraction = Math.max(nadirFraction, 0.05) * growth ** (k - progressesAt + 1);
    }
    const isGone = fraction < 0.02;
    push(
      date,
      isGone ? 0 : serumBaseline * fraction,
      isGone ? 0 : urineBaseline * fraction,
      flcBaseline * fraction + 1,
    );
    labs.push({ test: 'platelets', date, value: Math.round(20 + random() * 200) });
    labs.push({ test: 'anc', date, value: Math.round(3 + random() * 40) / 10 });
    labs.push({ test: 'hemoglobin', date, value: Math.round(70 + random() * 70) / 10 });
    if (k === 4) labs.push({ test: 'bm_plasma_cells', date, value: Math.round(60 * fraction) });
  }
  const lastDay = indexDay + assessments * interval + 14;
  const isDead = random() < 0.25;
  const followUp: FollowUp = isDead
    ? { vitalStatus: 'dead', lastContactDate: dateOf(lastDay), deathDate: dateOf(lastDay + 5) }
    : { vitalStatus: 'alive', lastContactDate: dateOf(lastDay) };
  const therapyLines: TherapyLine[] = [
    { regimen: 'bortezomib', startDate: dateOf(indexDay), endDate: dateOf(indexDay + 6 * 21) },
  ];
  return { labs, therapyLines, followUp };
}

function formatRate(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} assessments/s`;
}

/**
 * CPU time of the main thread alone, in seconds: `/proc/<pid>/task/<pid>/schedstat` (Linux, nanoseconds
 * on the CPU). Process CPU time (`process.cpuUsage`) also counts V8's parallel and concurrent GC helper
 * threads, so it is not "one core"; null where the file is not readable.
 */
const mainThreadStat = `/proc/${process.pid}/task/${process.pid}/schedstat`;
function mainThreadCpuSeconds(): number | null {
  try {
    const first = readFileSync(mainThreadStat, 'utf8').split(' ')[0];
    const nanoseconds = Number(first);
    return Number.isFinite(nanoseconds) ? nanoseconds / 1e9 : null;
  } catch {
    return null;
  }
}

interface PassTiming {
  /** Wall-clock seconds of the derivation calls only (generation and the forced GC between chunks excluded). */
  readonly seconds: number;
  /** CPU seconds of the main thread during those calls; null when not measurable. */
  readonly threadCpuSeconds: number | null;
  /** CPU seconds (user + system) of the whole process during those calls, GC helper threads included. */
  readonly processCpuSeconds: number;
  readonly checksum: number;
}

/** One bench input: what each timed call receives, built before the clock starts. */
interface BenchCase {
  readonly response: ResponseInput;
  readonly assessment: PatientAssessmentInput;
}

function buildCase(patient: SyntheticPatient, index: number): BenchCase {
  const { labs, therapyLines, followUp } = patient;
  return {
    response: {
      labs,
      therapyLines,
      deathDate: followUp.vitalStatus === 'dead' ? followUp.deathDate : null,
    },
    assessment: { patient: `P${index}`, labs, therapyLines, followUp },
  };
}

/**
 * Generates `options.patients` patients in chunks of `options.chunk`; for each chunk, after two minor
 * GCs (the generator's young objects are not the engine's), times only the loop of `derive` calls over
 * the chunk. The engine's own garbage is collected while it runs and is charged to it.
 */
function runPass(options: BenchOptions, derive: (item: BenchCase) => unknown): PassTiming {
  const random = createRandom(options.seed);
  let seconds = 0;
  let threadCpuSeconds: number | null = 0;
  let processCpuSeconds = 0;
  let checksum = 0;
  for (let start = 0; start < options.patients; start += options.chunk) {
    const size = Math.min(options.chunk, options.patients - start);
    const chunk: BenchCase[] = new Array(size);
    for (let i = 0; i < size; i += 1) chunk[i] = buildCase(generatePatient(random, options.assessments), start + i);
    // Two minor GCs move the chunk out of the young generation before the clock starts. No full GC is
    // forced: V8's forced full GC discards optimised code, so every chunk would be timed while the JIT
    // recompiles (measured: 3× slower), which is not how a cohort run behaves.
    collectGarbage({ type: 'minor' });
    collectGarbage({ type: 'minor' });
    const threadBefore = mainThreadCpuSeconds();
    const processBefore = process.cpuUsage();
    const began = performance.now();
    for (let i = 0; i < size; i += 1) {
      if (derive(chunk[i] as BenchCase) !== null) checksum += 1;
    }
    seconds += (performance.now() - began) / 1000;
    const processCpu = process.cpuUsage(processBefore);
    const threadAfter = mainThreadCpuSeconds();
    processCpuSeconds += (processCpu.user + processCpu.system) / 1e6;
    threadCpuSeconds =
      threadCpuSeconds === null || threadBefore === null || threadAfter === null
        ? null
        : threadCpuSeconds + threadAfter - threadBefore;
  }
  return { seconds, threadCpuSeconds, processCpuSeconds, checksum };
}

function describePass(name: string, pass: PassTiming, total: number): { lines: string[]; isPass: boolean } {
  const wallRate = total / pass.seconds;
  const isPass = wallRate >= targetAssessmentsPerSecond;
  const thread =
    pass.threadCpuSeconds === null
      ? 'main-thread CPU time not available'
      : `${formatRate(total / pass.threadCpuSeconds)} per main-thread CPU second (${pass.threadCpuSeconds.toFixed(2)} s)`;
  return {
    lines: [
      `${name}: ${formatRate(wallRate)} wall (${pass.seconds.toFixed(2)} s) — ${isPass ? 'PASS' : 'FAIL'} (target ≥ ${formatRate(targetAssessmentsPerSecond)} wall, one thread)`,
      `    ${thread}; ${formatRate(total / pass.processCpuSeconds)} per process CPU second (${pass.processCpuSeconds.toFixed(2)} s, GC helper threads included)`,
    ],
    isPass,
  };
}

function main(): void {
  const options = parseArguments(process.argv.slice(2));
  const total = options.patients * options.assessments;
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const loadBefore = loadavg();
  out(
    `bench:rules — ${options.patients.toLocaleString('en-US')} synthetic patients × ${options.assessments} assessments = ${total.toLocaleString('en-US')} assessments (seed ${options.seed})`,
  );
  out(
    `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} CPU(s); the engine runs on one thread`,
  );
  out(
    `timed: only the deriveResponse / assessPatient calls, chunk by chunk (${options.chunk.toLocaleString('en-US')} patients generated and moved out of the young generation by two minor GCs, then timed; no forced full GC, which would discard JIT code); generation is not timed`,
  );
  // Warm-up (three passes over a sample of both paths) so the JIT has compiled the hot code before timing.
  const sample = { ...options, patients: Math.min(5000, options.patients), chunk: Math.min(5000, options.chunk) };
  const assessmentOptions = { criteria: 'imwg2006' } as const;
  const deriveOne = (item: BenchCase): unknown => deriveResponse(item.response);
  const assessOne = (item: BenchCase): unknown => assessPatient(item.assessment, assessmentOptions);
  for (let round = 0; round < 3; round += 1) {
    runPass(sample, deriveOne);
    runPass(sample, assessOne);
  }
  const response = runPass(options, deriveOne);
  const responseResult = describePass('deriveResponse (IMWG 2006)', response, total);
  for (const line of responseResult.lines) out(line);
  const full = runPass(options, assessOne);
  const fullResult = describePass('assessPatient (response + endpoints + CTCAE v3 + PCL)', full, total);
  for (const line of fullResult.lines) out(line);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  out(`peak RSS (whole process, high-water mark): ${peakRssMiB.toFixed(0)} MiB`);
  out(`patients derived: ${response.checksum.toLocaleString('en-US')} / ${full.checksum.toLocaleString('en-US')}`);
  const loadAfter = loadavg();
  const busiest = Math.max(loadBefore[0] ?? 0, loadAfter[0] ?? 0);
  out(
    `load average (1 min) ${(loadBefore[0] ?? 0).toFixed(2)} before, ${(loadAfter[0] ?? 0).toFixed(2)} after, on ${cpus().length} CPU(s)${busiest > 0.5 ? ': the machine was not idle, so wall rates may be lower than on an idle machine (PASS/FAIL still uses wall time)' : ''}`,
  );
  process.exitCode = responseResult.isPass && fullResult.isPass ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
