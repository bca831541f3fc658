/**
 * `npm run bench:rules [-- --patients 100000 --assessments 24 --chunk 10000 --seed 20240601]`: derivation
 * throughput of the clinical rules engine (issue 4 item 14). Generates synthetic patients with
 * realistic M-protein trajectories (seeded PRNG of this file, no Math.random), then times
 * `deriveResponse` alone and the full `assessPatient` (response + endpoints + CTCAE grading + PCL)
 * over the same data, on one core, and prints assessments per second, peak RSS (high-water mark of
 * the whole process) and PASS/FAIL against ≥ 1,000,000 assessments per second. Patients are generated
 * in chunks of 10,000 so memory measures the engine, not a 10⁷-object input array; only derivation
 * is timed, after a warm-up and a full garbage collection per chunk (the generator's garbage is not
 * the engine's).
 * Never part of `npm test`.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CalendarDate, FollowUp, LabMeasurement, TherapyLine } from '@mmreg/core';
import { assessPatient, deriveResponse } from '@mmreg/core';

const targetAssessmentsPerSecond = 1_000_000;

// A full collection before each timed chunk, so the generator's garbage is not charged to the engine
// (the engine's own garbage is still collected while it runs).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface BenchOptions {
  readonly patients: number;
  readonly assessments: number;
  readonly chunk: number;
  readonly seed: number;
}

function parseArguments(argv: readonly string[]): BenchOptions {
  const options = { patients: 100_000, assessments: 24, chunk: 10_000, seed: 20240601 };
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

interface PassTiming {
  /** Wall-clock seconds spent deriving (generation excluded). */
  readonly seconds: number;
  /** CPU seconds (user + system) of this process spent deriving: robust to other load on the machine. */
  readonly cpuSeconds: number;
  readonly checksum: number;
}

function runPass(options: BenchOptions, derive: (patient: SyntheticPatient, index: number) => unknown): PassTiming {
  const random = createRandom(options.seed);
  let seconds = 0;
  let cpuSeconds = 0;
  let checksum = 0;
  for (let start = 0; start < options.patients; start += options.chunk) {
    const size = Math.min(options.chunk, options.patients - start);
    const chunk: SyntheticPatient[] = new Array(size);
    for (let i = 0; i < size; i += 1) chunk[i] = generatePatient(random, options.assessments);
    collectGarbage();
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    for (let i = 0; i < size; i += 1) {
      if (derive(chunk[i] as SyntheticPatient, start + i) !== null) checksum += 1;
    }
    seconds += (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    cpuSeconds += (cpu.user + cpu.system) / 1e6;
  }
  return { seconds, cpuSeconds, checksum };
}

function describePass(name: string, pass: PassTiming, total: number): { line: string; isPass: boolean } {
  const cpuRate = total / pass.cpuSeconds;
  const wallRate = total / pass.seconds;
  const isPass = cpuRate >= targetAssessmentsPerSecond;
  return {
    line: `${name}: ${formatRate(cpuRate)} per CPU second (${pass.cpuSeconds.toFixed(2)} s CPU), ${formatRate(wallRate)} wall (${pass.seconds.toFixed(2)} s) — ${isPass ? 'PASS' : 'FAIL'} (target ≥ ${formatRate(targetAssessmentsPerSecond)} on one core)`,
    isPass,
  };
}

function main(): void {
  const options = parseArguments(process.argv.slice(2));
  const total = options.patients * options.assessments;
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  out(
    `bench:rules — ${options.patients.toLocaleString('en-US')} synthetic patients × ${options.assessments} assessments = ${total.toLocaleString('en-US')} assessments (seed ${options.seed})`,
  );
  out(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one core (single thread)`);
  // Warm-up (three passes over a sample of both paths) so the JIT has compiled the hot code before timing.
  const sample = { ...options, patients: Math.min(5000, options.patients), chunk: Math.min(5000, options.chunk) };
  for (let round = 0; round < 3; round += 1) {
    runPass(sample, (patient) => deriveResponse({ labs: patient.labs, therapyLines: patient.therapyLines }));
    runPass(sample, (patient, index) => assessPatient({ patient: `W${index}`, ...patient }, { criteria: 'imwg2006' }));
  }
  const response = runPass(options, (patient) =>
    deriveResponse({
      labs: patient.labs,
      therapyLines: patient.therapyLines,
      ...(patient.followUp.vitalStatus === 'dead' ? { deathDate: patient.followUp.deathDate } : {}),
    }),
  );
  const responseResult = describePass('deriveResponse (IMWG 2006)', response, total);
  out(responseResult.line);
  const full = runPass(options, (patient, index) =>
    assessPatient(
      { patient: `P${index}`, labs: patient.labs, therapyLines: patient.therapyLines, followUp: patient.followUp },
      { criteria: 'imwg2006' },
    ),
  );
  out(describePass('assessPatient (response + endpoints + CTCAE v3 + PCL)', full, total).line);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  out(`peak RSS (whole process, high-water mark): ${peakRssMiB.toFixed(0)} MiB`);
  out(`patients derived: ${response.checksum.toLocaleString('en-US')} / ${full.checksum.toLocaleString('en-US')}`);
  out(
    `load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} on ${cpus().length} CPU(s): PASS/FAIL uses CPU time, which other load does not inflate`,
  );
  process.exitCode = responseResult.isPass ? 0 : 1;
}

main();
