/**
 * A patient's derived results from its stored records (issue 5 item 2): the records are mapped to
 * core's `PatientAssessmentInput` (labs in canonical units from the assessments, therapy lines from
 * the courses, the latest follow-up), `assessPatient` runs with its defaults (IMWG 2006, CTCAE v3),
 * and the outcome becomes a JSON-safe model that keeps every explanation's text. Core's explanations
 * can be lazy getters, so every field is read explicitly here; nothing relies on JSON.stringify of a
 * core object. Derives nothing clinical itself; it only chooses which records feed which rule, each
 * choice stated in `notes`. Pure: the caller stores the result and its input hash.
 */
import type { ChildRecord, PatientRecord } from '@mmreg/contracts';
import {
  addDays,
  assessPatient,
  type BortezomibAdministration,
  type BortezomibSchedule,
  type CalendarDate,
  classifyPlasmaCellLeukaemia,
  defaultRelativeDoseIntensitySettings,
  deriveBodySurfaceArea,
  deriveRelativeDoseIntensity,
  type EndpointResult,
  type Explanation,
  type FollowUp,
  isLabTest,
  isQuantitativeLabTest,
  type LabMeasurement,
  type PatientAssessment,
  type PatientAssessmentInput,
  type PatientAssessmentOptions,
  type PclClassification,
  type TherapyLine,
  twiceWeeklyBortezomibSchedule,
  weeklyBortezomibSchedule,
} from '@mmreg/core';
import { canonicalJson, sha256Hex } from './canonical-json.ts';

/** Bumped when the mapping or the model changes meaning, so stored results are recomputed. */
export const derivationVersion = 1;

const criteria = 'imwg2006';
const ctcaeVersion = 'v3';

/** The stored records a derivation reads. */
export interface PatientDerivationData {
  readonly patient: PatientRecord;
  readonly courses: readonly ChildRecord<'courses'>[];
  readonly administrations: readonly ChildRecord<'administrations'>[];
  readonly assessments: readonly ChildRecord<'assessments'>[];
  readonly adverseEvents: readonly ChildRecord<'adverse-events'>[];
  readonly followUp: readonly ChildRecord<'follow-up'>[];
}

export interface ExplanationJson {
  readonly ruleId: string;
  readonly ruleVersion: string;
  readonly text: string;
  readonly checks: ReadonlyArray<{
    readonly quantity: string;
    readonly value: number;
    readonly unit: string;
    readonly comparator: string;
    readonly threshold: number;
    readonly isMet: boolean;
  }>;
}

export interface EndpointJson {
  readonly event: boolean;
  readonly date: string;
  readonly startDate: string;
  readonly days: number;
  readonly months: number;
  readonly reason: Readonly<Record<string, unknown>> & { readonly kind: string };
  readonly explanation: ExplanationJson;
}

export interface PclJson {
  readonly date: string | null;
  readonly source: string;
  readonly peripheralBloodPlasmaCellsPercent: number;
  readonly whiteBloodCellsPer1e9L: number;
  readonly absolutePlasmaCellsPer1e9L: number;
  readonly imwg2003: { readonly isMet: boolean; readonly explanation: ExplanationJson };
  readonly imwg2021: { readonly isMet: boolean; readonly explanation: ExplanationJson };
}

export interface ReportedAdverseEventJson {
  readonly term: string;
  readonly worstGrade: number;
  readonly ctcaeVersion: string;
  readonly firstOnsetDate: string;
  readonly events: number;
  readonly isAnySerious: boolean;
}

export type DoseIntensityJson =
  | {
      readonly courseId: number;
      readonly regimen: string;
      readonly status: 'computed';
      readonly relativeDoseIntensity: number | null;
      readonly relativeTotalDose: number;
      readonly deliveredDoseMgPerM2: number;
      readonly plannedDoseMgPerM2: number;
      readonly cycleCount: number;
      readonly doseCount: number;
      readonly deliveredDoseIntensityMgPerM2PerWeek: number | null;
      readonly plannedDoseIntensityMgPerM2PerWeek: number;
      readonly explanation: ExplanationJson;
    }
  | { readonly courseId: number; readonly regimen: string; readonly status: 'not-computed'; readonly reason: string };

/** The stored result model (`DerivedPatientResults.results`). */
export type DerivedResultsModel =
  | {
      readonly status: 'not-derived';
      readonly derivationVersion: number;
      readonly patient: string;
      /** Why nothing could be derived (no course yet, or the rules refused the data). */
      readonly reason: string;
      readonly reportedAdverseEvents: readonly ReportedAdverseEventJson[];
      readonly pclAtDiagnosis: PclJson | { readonly status: 'not-classifiable'; readonly reason: string };
    }
  | {
      readonly status: 'derived';
      readonly derivationVersion: number;
      readonly patient: string;
      readonly settings: { readonly criteria: string; readonly ctcaeVersion: string };
      readonly notes: readonly string[];
      readonly indexTherapy: { readonly courseId: number; readonly regimen: string; readonly startDate: string };
      readonly response: {
        readonly criteria: string;
        readonly indexDate: string;
        readonly baseline: string;
        readonly measurable: readonly string[];
        readonly compartments: ReadonlyArray<{
          readonly compartment: string;
          readonly meetsThreshold: boolean | null;
          readonly drivesResponse: boolean;
          readonly reason: string;
        }>;
        readonly timepoints: ReadonlyArray<{
          readonly date: string;
          readonly category: string;
          readonly confirmed: boolean;
          readonly confirmedAs: string | null;
          readonly confirmedOn: string | null;
          readonly reason: string;
        }>;
        readonly excludedAfterNewTherapy: number;
        readonly warnings: readonly string[];
      };
      readonly bestResponse: {
        readonly category: string;
        readonly date: string | null;
        readonly reason: string;
      } | null;
      readonly progression: { readonly date: string; readonly confirmedOn: string; readonly reason: string } | null;
      readonly lastKnownAlive: { readonly date: string; readonly source: string; readonly reason: string };
      readonly endpoints: {
        readonly timeOrigin: { readonly date: string; readonly isImputed: boolean; readonly reason: string };
        readonly os: EndpointJson;
        readonly pfs: EndpointJson;
        readonly ttp: EndpointJson;
        readonly dor: EndpointJson | null;
        readonly ttr: EndpointJson | null;
        readonly ttnt: EndpointJson;
      };
      readonly labGrades: ReadonlyArray<{
        readonly test: string;
        readonly term: string;
        readonly grade: number;
        readonly date: string;
        readonly version: string;
        readonly explanation: ExplanationJson;
      }>;
      readonly ungradableLabValues: ReadonlyArray<{
        readonly test: string;
        readonly date: string;
        readonly reason: string;
      }>;
      readonly reportedAdverseEvents: readonly ReportedAdverseEventJson[];
      readonly pcl: PclJson | { readonly status: 'not-classifiable'; readonly reason: string };
      readonly pclAtDiagnosis: PclJson | { readonly status: 'not-classifiable'; readonly reason: string };
      readonly doseIntensity: readonly DoseIntensityJson[];
    };

export interface DerivedPatientComputation {
  readonly inputHash: string;
  readonly results: DerivedResultsModel;
}

function byDateThenId<TRow extends { readonly id: number }>(date: (row: TRow) => string) {
  return (left: TRow, right: TRow): number => {
    const a = date(left);
    const b = date(right);
    return a < b ? -1 : a > b ? 1 : left.id - right.id;
  };
}

/** The assessments as core lab measurements (canonical units); rows the rules cannot read are skipped. */
function labsOf(assessments: readonly ChildRecord<'assessments'>[]): LabMeasurement[] {
  const labs: LabMeasurement[] = [];
  for (const row of assessments) {
    if (!isLabTest(row.test)) continue;
    const date = row.date as CalendarDate;
    if (isQuantitativeLabTest(row.test)) {
      if (row.canonicalValue !== null) labs.push({ test: row.test, date, value: row.canonicalValue });
    } else if (row.result !== null) {
      labs.push({ test: row.test, date, result: row.result });
    }
  }
  return labs;
}

interface TherapyChoice {
  readonly index: ChildRecord<'courses'>;
  readonly lines: TherapyLine[];
  readonly notes: string[];
}

/** The index course (flagged, else the first) and the later courses as new lines of therapy. */
function chooseTherapyLines(courses: readonly ChildRecord<'courses'>[]): TherapyChoice | null {
  const sorted = [...courses].sort(byDateThenId((course) => course.startDate));
  const index = sorted.find((course) => course.isIndexTherapy) ?? sorted[0];
  if (index === undefined) return null;
  const notes: string[] = [
    index.isIndexTherapy
      ? `index therapy: course ${index.id} (${index.regimen}, flagged as index) from ${index.startDate}`
      : `index therapy: course ${index.id} (${index.regimen}), the first course, as none is flagged as index`,
  ];
  const lines: TherapyLine[] = [lineOf(index)];
  for (const course of sorted) {
    if (course === index) continue;
    if (course.startDate > index.startDate) lines.push(lineOf(course));
    else {
      notes.push(
        `course ${course.id} (${course.regimen}, from ${course.startDate}) starts on or before the index therapy and is not a later line`,
      );
    }
  }
  return { index, lines, notes };
}

function lineOf(course: ChildRecord<'courses'>): TherapyLine {
  return {
    regimen: course.regimen,
    startDate: course.startDate as CalendarDate,
    endDate: course.endDate === null ? null : (course.endDate as CalendarDate),
  };
}

/** The latest follow-up record (by date, then id) as core's FollowUp. */
function followUpOf(rows: readonly ChildRecord<'follow-up'>[]): { followUp: FollowUp | null; note: string } {
  const latest = [...rows].sort(byDateThenId((row) => row.date)).at(-1);
  if (latest === undefined) return { followUp: null, note: 'no follow-up recorded' };
  const date = latest.date as CalendarDate;
  if (latest.vitalStatus === 'dead' && latest.deathDate !== null) {
    return {
      followUp: { vitalStatus: 'dead', lastContactDate: date, deathDate: latest.deathDate as CalendarDate },
      note: `follow-up ${latest.id} of ${latest.date}: died on ${latest.deathDate}`,
    };
  }
  return {
    followUp: { vitalStatus: 'alive', lastContactDate: date },
    note: `follow-up ${latest.id} of ${latest.date}: alive`,
  };
}

export function explanationJson(explanation: Explanation): ExplanationJson {
  return {
    ruleId: explanation.ruleId,
    ruleVersion: explanation.ruleVersion,
    text: explanation.text,
    checks: explanation.checks.map((check) => ({
      quantity: check.quantity,
      value: check.value,
      unit: check.unit,
      comparator: check.comparator,
      threshold: check.threshold,
      isMet: check.isMet,
    })),
  };
}

function endpointJson<TReason extends { readonly kind: string }>(endpoint: EndpointResult<TReason>): EndpointJson {
  return {
    event: endpoint.event,
    date: endpoint.date,
    startDate: endpoint.startDate,
    days: endpoint.days,
    months: endpoint.months,
    reason: JSON.parse(JSON.stringify(endpoint.reason)) as EndpointJson['reason'],
    explanation: explanationJson(endpoint.explanation),
  };
}

function pclJson(
  classification: PclClassification,
  values: { date: string | null; source: string; percent: number; wbc: number },
): PclJson {
  return {
    date: values.date,
    source: values.source,
    peripheralBloodPlasmaCellsPercent: values.percent,
    whiteBloodCellsPer1e9L: values.wbc,
    absolutePlasmaCellsPer1e9L: classification.absolutePlasmaCellsPer1e9L,
    imwg2003: {
      isMet: classification.imwg2003.isMet,
      explanation: explanationJson(classification.imwg2003.explanation),
    },
    imwg2021: {
      isMet: classification.imwg2021.isMet,
      explanation: explanationJson(classification.imwg2021.explanation),
    },
  };
}

function pclAtDiagnosisOf(patient: PatientRecord): DerivedResultsModel['pclAtDiagnosis'] {
  const percent = patient.pbPlasmaCellsPercent;
  const wbc = patient.wbcPer1e9L;
  if (percent === null || wbc === null) {
    return {
      status: 'not-classifiable',
      reason: 'the enrolment form lacks peripheral-blood plasma cells (%) or WBC at diagnosis',
    };
  }
  return pclJson(
    classifyPlasmaCellLeukaemia({ peripheralBloodPlasmaCellsPercent: percent, whiteBloodCellsPer1e9L: wbc }),
    { date: patient.diagnosisDate, source: 'enrolment form (diagnosis)', percent, wbc },
  );
}

function reportedAdverseEventsOf(rows: readonly ChildRecord<'adverse-events'>[]): ReportedAdverseEventJson[] {
  const byTerm = new Map<string, ReportedAdverseEventJson>();
  for (const row of [...rows].sort(byDateThenId((event) => event.onsetDate))) {
    const seen = byTerm.get(row.term);
    if (seen === undefined) {
      byTerm.set(row.term, {
        term: row.term,
        worstGrade: row.grade,
        ctcaeVersion: row.ctcaeVersion,
        firstOnsetDate: row.onsetDate,
        events: 1,
        isAnySerious: row.isSerious,
      });
    } else {
      const isWorse = row.grade > seen.worstGrade;
      byTerm.set(row.term, {
        ...seen,
        worstGrade: isWorse ? row.grade : seen.worstGrade,
        ctcaeVersion: isWorse ? row.ctcaeVersion : seen.ctcaeVersion,
        events: seen.events + 1,
        isAnySerious: seen.isAnySerious || row.isSerious,
      });
    }
  }
  return [...byTerm.values()].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

const bortezomibPattern = /bortezomib|velcade/i;

function scheduleOf(course: ChildRecord<'courses'>): BortezomibSchedule | null {
  if (course.schedule === 'days-1-4-8-11') return twiceWeeklyBortezomibSchedule;
  if (course.schedule === 'weekly') return weeklyBortezomibSchedule;
  return null;
}

/** Relative dose intensity (§6.5) of every bortezomib course, or why it cannot be computed. */
function doseIntensityOf(
  courses: readonly ChildRecord<'courses'>[],
  administrations: readonly ChildRecord<'administrations'>[],
): DoseIntensityJson[] {
  const results: DoseIntensityJson[] = [];
  for (const course of [...courses].sort(byDateThenId((row) => row.startDate))) {
    const hasBortezomib =
      course.plannedBortezomibDoseMgPerM2 !== null || course.agents.some((agent) => bortezomibPattern.test(agent));
    if (!hasBortezomib) continue;
    const base = { courseId: course.id, regimen: course.regimen };
    const doses = administrations
      .filter((row) => row.courseId === course.id && bortezomibPattern.test(row.agent))
      .sort(byDateThenId((row) => row.date));
    const schedule = scheduleOf(course);
    if (doses.length === 0) {
      results.push({
        ...base,
        status: 'not-computed',
        reason: 'no bortezomib administration recorded for this course',
      });
      continue;
    }
    if (schedule === null) {
      results.push({
        ...base,
        status: 'not-computed',
        reason: `the course's schedule is ${course.schedule ?? 'not given'}: RDI needs days-1-4-8-11 or weekly (§6.5)`,
      });
      continue;
    }
    if (course.heightCm === null || course.weightKg === null) {
      results.push({
        ...base,
        status: 'not-computed',
        reason: 'height and weight of the course are needed to turn the doses in mg into mg/m² (§6.2)',
      });
      continue;
    }
    try {
      const measurement = { heightCm: course.heightCm, weightKg: course.weightKg };
      const bodySurfaceAreaM2 = deriveBodySurfaceArea(measurement).bodySurfaceAreaM2;
      const plannedDoseMgPerM2 =
        course.plannedBortezomibDoseMgPerM2 ?? defaultRelativeDoseIntensitySettings.plannedDoseMgPerM2;
      const given: BortezomibAdministration[] = doses.map((row) => ({
        date: row.date as CalendarDate,
        doseMgPerM2: row.doseMg / bodySurfaceAreaM2,
        doseMg: row.doseMg,
      }));
      const cycleStartDates = [
        ...new Set(doses.map((row) => addDays(row.date as CalendarDate, -(row.day - 1)))),
      ].sort();
      const rdi = deriveRelativeDoseIntensity(
        {
          administrations: given,
          cycleStartDates,
          bodyMeasurements: [{ date: course.startDate as CalendarDate, ...measurement }],
        },
        { ...defaultRelativeDoseIntensitySettings, schedule, plannedDoseMgPerM2 },
      );
      results.push({
        ...base,
        status: 'computed',
        relativeDoseIntensity: rdi.relativeDoseIntensity,
        relativeTotalDose: rdi.relativeTotalDose,
        deliveredDoseMgPerM2: rdi.deliveredDoseMgPerM2,
        plannedDoseMgPerM2: rdi.plannedDoseMgPerM2,
        cycleCount: rdi.cycleCount,
        doseCount: rdi.doseCount,
        deliveredDoseIntensityMgPerM2PerWeek: rdi.deliveredDoseIntensityMgPerM2PerWeek,
        plannedDoseIntensityMgPerM2PerWeek: rdi.plannedDoseIntensityMgPerM2PerWeek,
        explanation: explanationJson(rdi.explanation),
      });
    } catch (error) {
      results.push({
        ...base,
        status: 'not-computed',
        reason: `the dosing rules refused the administrations: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return results;
}

function assessmentJson(
  assessment: PatientAssessment,
  context: {
    patient: PatientRecord;
    index: ChildRecord<'courses'>;
    notes: string[];
    data: PatientDerivationData;
  },
): DerivedResultsModel {
  const { response, endpoints } = assessment;
  const best = response.bestResponse;
  const progression = response.progression;
  const pcl = assessment.pcl;
  return {
    status: 'derived',
    derivationVersion,
    patient: context.patient.code,
    settings: { criteria, ctcaeVersion },
    notes: context.notes,
    indexTherapy: { courseId: context.index.id, regimen: context.index.regimen, startDate: context.index.startDate },
    response: {
      criteria: response.criteria,
      indexDate: response.indexDate,
      baseline: response.baseline.explanation.text,
      measurable: response.measurable.map((check) => check.compartment),
      compartments: response.compartments.map((check) => ({
        compartment: check.compartment,
        meetsThreshold: check.meetsThreshold,
        drivesResponse: check.drivesResponse,
        reason: check.explanation.text,
      })),
      timepoints: response.timepoints.map((timepoint) => ({
        date: timepoint.date,
        category: timepoint.response,
        confirmed: timepoint.confirmed,
        confirmedAs: timepoint.confirmedAs,
        confirmedOn: timepoint.confirmedOn,
        reason: timepoint.because,
      })),
      excludedAfterNewTherapy: response.excludedAfterNewTherapy,
      warnings: [...response.warnings],
    },
    bestResponse: best === null ? null : { category: best.category, date: best.date, reason: best.explanation.text },
    progression:
      progression === null
        ? null
        : { date: progression.date, confirmedOn: progression.confirmedOn, reason: progression.because },
    lastKnownAlive: {
      date: assessment.lastKnownAlive.date,
      source: assessment.lastKnownAlive.source,
      reason: assessment.lastKnownAlive.text,
    },
    endpoints: {
      timeOrigin: {
        date: endpoints.timeOrigin.date,
        isImputed: endpoints.timeOrigin.isImputed,
        reason: endpoints.timeOrigin.text,
      },
      os: endpointJson(endpoints.os),
      pfs: endpointJson(endpoints.pfs),
      ttp: endpointJson(endpoints.ttp),
      dor: endpoints.dor === null ? null : endpointJson(endpoints.dor),
      ttr: endpoints.ttr === null ? null : endpointJson(endpoints.ttr),
      ttnt: endpointJson(endpoints.ttnt),
    },
    labGrades: assessment.toxicities.map((toxicity) => ({
      test: toxicity.test,
      term: toxicity.term,
      grade: toxicity.grade,
      date: toxicity.date,
      version: toxicity.version,
      explanation: explanationJson(toxicity.explanation),
    })),
    ungradableLabValues: assessment.ungradable.map((value) => ({
      test: value.test,
      date: value.date,
      reason: value.reason,
    })),
    reportedAdverseEvents: reportedAdverseEventsOf(context.data.adverseEvents),
    pcl:
      pcl === null
        ? {
            status: 'not-classifiable',
            reason: `no peripheral-blood plasma cells and WBC measured on one date within ${response.settings.baselineWindowDays} days before the index therapy`,
          }
        : pclJson(pcl.classification, {
            date: pcl.date,
            source: 'laboratory assessments (baseline window)',
            percent: pcl.peripheralBloodPlasmaCellsPercent,
            wbc: pcl.whiteBloodCellsPer1e9L,
          }),
    pclAtDiagnosis: pclAtDiagnosisOf(context.patient),
    doseIntensity: doseIntensityOf(context.data.courses, context.data.administrations),
  };
}

/** What `assessPatient` is called with for a patient, or why it cannot be called. */
export type PatientAssessmentCall =
  | {
      readonly kind: 'ready';
      readonly input: PatientAssessmentInput;
      readonly options: PatientAssessmentOptions;
      /** The course taken as the index therapy (time origin). */
      readonly indexCourse: ChildRecord<'courses'>;
      /** Which records fed which rule, in words. */
      readonly notes: readonly string[];
    }
  | { readonly kind: 'no-course'; readonly reason: string };

const noCourseReason =
  'no treatment course is registered yet: response, endpoints and laboratory grades are measured from the index therapy start';

/**
 * The registry → `assessPatient` mapping the derived results use (labs in canonical units, therapy
 * lines from the courses, the latest follow-up, IMWG 2006 and CTCAE v3): exported so the study
 * analysis assesses patients exactly as the stored derived results do.
 */
export function patientAssessmentCallOf(
  data: Pick<PatientDerivationData, 'patient' | 'courses' | 'assessments' | 'followUp'>,
): PatientAssessmentCall {
  const therapy = chooseTherapyLines(data.courses);
  if (therapy === null) return { kind: 'no-course', reason: noCourseReason };
  const labs = labsOf(data.assessments);
  const { followUp, note: followUpNote } = followUpOf(data.followUp);
  return {
    kind: 'ready',
    input: { patient: data.patient.code, labs, therapyLines: therapy.lines, followUp },
    options: { criteria, ctcaeVersion },
    indexCourse: therapy.index,
    notes: [...therapy.notes, followUpNote, `${labs.length} laboratory result(s) in canonical units`],
  };
}

/** A patient assessed as its derived results are, or why it could not be (no course, data refused). */
export type StoredPatientAssessment =
  | { readonly kind: 'assessed'; readonly indexCourseId: number; readonly assessment: PatientAssessment }
  | { readonly kind: 'not-assessed'; readonly reason: string };

export function assessStoredPatient(
  data: Pick<PatientDerivationData, 'patient' | 'courses' | 'assessments' | 'followUp'>,
): StoredPatientAssessment {
  const call = patientAssessmentCallOf(data);
  if (call.kind === 'no-course') return { kind: 'not-assessed', reason: call.reason };
  try {
    return {
      kind: 'assessed',
      indexCourseId: call.indexCourse.id,
      assessment: assessPatient(call.input, call.options),
    };
  } catch (error) {
    return { kind: 'not-assessed', reason: refusedReason(error) };
  }
}

function refusedReason(error: unknown): string {
  return `the rules engine refused the data: ${error instanceof Error ? error.message : String(error)}`;
}

/** Derives the results of one patient; never throws for data the rules refuse (the model says why). */
export function derivePatientResults(data: PatientDerivationData): DerivedPatientComputation {
  // Everything the model is computed from, so an unchanged hash means unchanged results.
  const inputHash = sha256Hex(
    canonicalJson({
      derivationVersion,
      criteria,
      ctcaeVersion,
      patient: data.patient,
      courses: data.courses,
      administrations: data.administrations,
      assessments: data.assessments,
      adverseEvents: data.adverseEvents,
      followUp: data.followUp,
    }),
  );
  const notDerived = (reason: string): DerivedPatientComputation => ({
    inputHash,
    results: {
      status: 'not-derived',
      derivationVersion,
      patient: data.patient.code,
      reason,
      reportedAdverseEvents: reportedAdverseEventsOf(data.adverseEvents),
      pclAtDiagnosis: pclAtDiagnosisOf(data.patient),
    },
  });
  const call = patientAssessmentCallOf(data);
  if (call.kind === 'no-course') return notDerived(call.reason);
  try {
    const assessment = assessPatient(call.input, call.options);
    return {
      inputHash,
      results: assessmentJson(assessment, {
        patient: data.patient,
        index: call.indexCourse,
        notes: [...call.notes],
        data,
      }),
    };
  } catch (error) {
    return notDerived(refusedReason(error));
  }
}
