/**
 * Collects validated forms per patient from every file of an import, then checks what only the
 * whole set can show — a patient form given twice, two rows of one form for the same thing (same
 * lab test on the same day, two courses starting the same day…), a centre code that does not
 * resolve — and produces the `ImportBatch` the store writes in one transaction.
 */
import type { ImportIssue } from '../import-issue.ts';
import type {
  ChildCreate,
  ChildFormKind,
  ImportBatch,
  ImportPatient,
  PatientCreate,
} from '../registry/registry-schemas.ts';
import type { RowLocation } from './form-fields.ts';

/** A centre of the study, as the store knows it: the import names centres by code. */
export interface ImportCenter {
  readonly id: number;
  readonly code: string;
}

export type PatientForm = Omit<PatientCreate, 'centerId'>;

interface Located<TValue> {
  readonly value: TValue;
  readonly where: RowLocation;
  /** The column the value's identity is reported on when it duplicates another row. */
  readonly keyColumn: string | null;
}

interface PatientEntry {
  readonly code: string;
  patient: (Located<PatientForm> & { readonly centerCode: string; readonly centerColumn: string | null }) | null;
  readonly children: Map<ChildFormKind, Array<Located<unknown>>>;
}

/** What makes two rows of a form "the same thing" for one patient (identical → merged, different → error). */
const identityOf: { readonly [TKind in ChildFormKind]: (row: ChildCreate<TKind>) => string | null } = {
  'prior-therapies': (row) => `line ${row.lineNumber}`,
  courses: (row) => `a course starting on ${row.startDate}`,
  administrations: (row) => `${row.agent} on ${row.date}`,
  assessments: (row) => `${row.test} on ${row.date}`,
  'adverse-events': (row) => `${row.term} with onset ${row.onsetDate}`,
  'follow-up': (row) => `a follow-up on ${row.date}`,
};

const normalizeCode = (code: string): string =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');

export class BatchBuilder {
  readonly issues: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  private readonly sources: string[] = [];
  private readonly patients = new Map<string, PatientEntry>();
  private readonly indexFlagGiven = new Set<string>();

  addSource(name: string): void {
    if (!this.sources.includes(name)) this.sources.push(name);
  }

  private entry(code: string): PatientEntry {
    let entry = this.patients.get(code);
    if (entry === undefined) {
      entry = { code, patient: null, children: new Map() };
      this.patients.set(code, entry);
    }
    return entry;
  }

  addPatient(
    form: PatientForm,
    where: RowLocation,
    centre: { readonly code: string; readonly column: string | null; readonly keyColumn: string | null },
  ): void {
    const entry = this.entry(form.code);
    if (entry.patient !== null) {
      this.issues.push({
        file: where.file,
        line: where.line,
        column: centre.keyColumn,
        message: `patient ${form.code} already has a patient form (${entry.patient.where.file}, line ${entry.patient.where.line})`,
      });
      return;
    }
    entry.patient = {
      value: form,
      where,
      keyColumn: centre.keyColumn,
      centerCode: centre.code,
      centerColumn: centre.column,
    };
  }

  addChild<TKind extends ChildFormKind>(
    code: string,
    kind: TKind,
    row: ChildCreate<TKind>,
    context: { readonly where: RowLocation; readonly keyColumn: string | null },
  ): void {
    const rows = this.entry(code).children.get(kind) ?? [];
    const identity = identityOf[kind](row);
    const same = rows.find((other) => identityOf[kind](other.value as ChildCreate<TKind>) === identity);
    if (same !== undefined) {
      const at = `${same.where.file}, line ${same.where.line}`;
      if (JSON.stringify(same.value) === JSON.stringify(row)) {
        this.warnings.push({
          file: context.where.file,
          line: context.where.line,
          column: context.keyColumn,
          message: `duplicate of ${at} (patient ${code}, ${identity}, same values): imported once`,
        });
      } else {
        this.issues.push({
          file: context.where.file,
          line: context.where.line,
          column: context.keyColumn,
          message: `patient ${code} already has ${identity} with different values (${at})`,
        });
      }
      return;
    }
    rows.push({ value: row, where: context.where, keyColumn: context.keyColumn });
    this.entry(code).children.set(kind, rows);
  }

  /** Records that the index-therapy flag of `code`'s courses was given by the source, not derived. */
  noteIndexFlagGiven(code: string): void {
    this.indexFlagGiven.add(code);
  }

  /** Courses of a patient with no index flag given: the earliest start is the index therapy (the rules engine's convention). */
  private flagIndexTherapies(): void {
    for (const entry of this.patients.values()) {
      const courses = entry.children.get('courses') as Array<Located<ChildCreate<'courses'>>> | undefined;
      if (courses === undefined || courses.length === 0 || this.indexFlagGiven.has(entry.code)) continue;
      const earliest = courses.reduce((best, course) =>
        course.value.startDate < best.value.startDate ? course : best,
      );
      const index = courses.indexOf(earliest);
      courses[index] = { ...earliest, value: { ...earliest.value, isIndexTherapy: true } };
    }
  }

  /** The batch, with every patient's centre code resolved to an id of `centers`; null when any issue exists. */
  build(options: {
    readonly centers: readonly ImportCenter[];
    readonly centerCode?: string | undefined;
  }): ImportBatch | null {
    const byCode = (code: string): ImportCenter | undefined =>
      options.centers.find((center) => center.code === code) ??
      options.centers.find((center) => normalizeCode(center.code) === normalizeCode(code));
    const restriction = options.centerCode === undefined ? undefined : byCode(options.centerCode);
    if (options.centerCode !== undefined && restriction === undefined) {
      this.issues.push({
        file: this.sources.join(', '),
        line: null,
        column: null,
        message: `unknown centre ${options.centerCode} (known: ${options.centers.map((center) => center.code).join(', ') || 'none'})`,
      });
    }
    this.flagIndexTherapies();
    const patients: ImportPatient[] = [];
    for (const entry of this.patients.values()) {
      let patient: PatientCreate | undefined;
      if (entry.patient !== null) {
        const { where, centerCode, centerColumn, value } = entry.patient;
        const center = byCode(centerCode);
        if (center === undefined) {
          this.issues.push({
            file: where.file,
            line: where.line,
            column: centerColumn,
            message: `unknown centre ${centerCode} (known: ${options.centers.map((known) => known.code).join(', ') || 'none'})`,
          });
        } else if (restriction !== undefined && center.id !== restriction.id) {
          this.issues.push({
            file: where.file,
            line: where.line,
            column: centerColumn,
            message: `patient ${entry.code} belongs to centre ${center.code}, outside the import's centre ${restriction.code}`,
          });
        } else {
          patient = { ...value, centerId: center.id };
        }
      }
      const children: { -readonly [TKind in ChildFormKind]?: ChildCreate<TKind>[] } = {};
      for (const [kind, rows] of entry.children) {
        (children as Record<string, unknown[]>)[kind] = rows.map((row) => row.value);
      }
      patients.push({ code: entry.code, ...(patient === undefined ? {} : { patient }), children });
    }
    if (this.issues.length > 0) return null;
    return { sources: [...this.sources], patients, warnings: [...this.warnings] };
  }
}
