/**
 * The analysed patients as the subgroup worker receives them: only the fields the survival subgroups
 * read, one typed array per field, moved to the worker (transferred) instead of copied object by
 * object. Measured at 10,000 patients: `postMessage` of the patient objects cost the page 7–30 ms to
 * serialise and the worker 60–80 ms to deserialise before it could start on the first subgroup; these
 * arrays cost ~1 ms each way. Decoding makes every row with one object shape, the warm-up's too, so
 * the code the worker's warm-up optimised is the code that runs on the real rows.
 */
import type { AnalysedPatient } from '../../api/dashboard-analysis.ts';

/** What `computeSubgroupSurvival` reads of an analysed patient (an `AnalysedPatient` is one). */
export interface SubgroupPatient {
  readonly pclType: AnalysedPatient['pclType'];
  readonly karyotype: AnalysedPatient['karyotype'];
  readonly hasPriorAsct: boolean;
  readonly isSingleAgent: boolean;
  /** Null when the primary PFS convention leaves the patient out. */
  readonly pfs: { readonly months: number; readonly isEvent: boolean } | null;
  readonly os: { readonly months: number; readonly isEvent: boolean };
}

/** Patients in columns; months as float64, so every time is the patient's own, bit for bit. */
export interface EncodedSubgroupRows {
  readonly count: number;
  /** One byte per patient, see `flag`. */
  readonly flags: Uint8Array;
  /** PFS months; 0 where the patient has no PFS record (the flag says which). */
  readonly pfsMonths: Float64Array;
  readonly osMonths: Float64Array;
}

const flag = {
  primaryPcl: 1,
  del13: 2,
  karyotypeNotDone: 4,
  priorAsct: 8,
  singleAgent: 16,
  hasPfs: 32,
  pfsEvent: 64,
  osEvent: 128,
} as const;

export function encodeSubgroupRows(patients: readonly SubgroupPatient[]): EncodedSubgroupRows {
  const count = patients.length;
  const flags = new Uint8Array(count);
  const pfsMonths = new Float64Array(count);
  const osMonths = new Float64Array(count);
  patients.forEach((patient, index) => {
    let bits = 0;
    if (patient.pclType === 'primary') bits |= flag.primaryPcl;
    if (patient.karyotype === 'del13') bits |= flag.del13;
    if (patient.karyotype === 'not-done') bits |= flag.karyotypeNotDone;
    if (patient.hasPriorAsct) bits |= flag.priorAsct;
    if (patient.isSingleAgent) bits |= flag.singleAgent;
    if (patient.pfs !== null) {
      bits |= flag.hasPfs;
      if (patient.pfs.isEvent) bits |= flag.pfsEvent;
      pfsMonths[index] = patient.pfs.months;
    }
    if (patient.os.isEvent) bits |= flag.osEvent;
    osMonths[index] = patient.os.months;
    flags[index] = bits;
  });
  return { count, flags, pfsMonths, osMonths };
}

/** The rows back as objects, all made here with one shape. */
export function decodeSubgroupRows(rows: EncodedSubgroupRows): SubgroupPatient[] {
  const patients: SubgroupPatient[] = new Array(rows.count);
  for (let index = 0; index < rows.count; index += 1) {
    const bits = rows.flags[index] ?? 0;
    patients[index] = {
      pclType: bits & flag.primaryPcl ? 'primary' : 'secondary',
      karyotype: bits & flag.del13 ? 'del13' : bits & flag.karyotypeNotDone ? 'not-done' : 'normal',
      hasPriorAsct: (bits & flag.priorAsct) !== 0,
      isSingleAgent: (bits & flag.singleAgent) !== 0,
      pfs: bits & flag.hasPfs ? { months: rows.pfsMonths[index] ?? 0, isEvent: (bits & flag.pfsEvent) !== 0 } : null,
      os: { months: rows.osMonths[index] ?? 0, isEvent: (bits & flag.osEvent) !== 0 },
    };
  }
  return patients;
}

/** The buffers `postMessage` moves instead of copying (the page's arrays are empty afterwards). */
export function subgroupRowsTransfer(rows: EncodedSubgroupRows): ArrayBuffer[] {
  return [rows.flags.buffer, rows.pfsMonths.buffer, rows.osMonths.buffer] as ArrayBuffer[];
}
