/**
 * Registry data → the core `Study` model, so the registry's scoped analysis runs through the same
 * `analyseStudy` as the published report (issue 5 item 4): a dashboard and a publication cannot
 * disagree about how a number is computed, only about the data. Each patient arrives with its
 * enrolment form, prior therapies, courses, administrations, reported adverse events and the
 * `PatientAssessment` core's `assessPatient` derived from its laboratory values (the caller runs it
 * with the same mapping the stored derived results use). Every choice this mapping makes is marked
 * [IMPL] here and listed in docs/rules/registry-analysis.md. Patients that cannot enter the model are
 * returned in `notAssessed` with the reason — never dropped silently. Pure: no I/O, no clock.
 */
import { type CalendarDate, toCalendarDate } from '../domain/calendar-date.ts';
import { DomainError } from '../domain/domain-error.ts';
import { toCenterId, toPatientCode, toStudyId } from '../domain/identifiers.ts';
import type { ResponseCategory } from '../domain/response-category.ts';
import type {
  BortezomibCourse,
  Center,
  CreatinineAtDiagnosis,
  CtcaeGrade,
  HistoricalSeries,
  Karyotype,
  LastFollowUpStatus,
  MonoclonalProtein,
  OtherToxicity,
  Patient,
  PriorTherapy,
  ProgressionOutcome,
  PublishedClaim,
  Sex,
  Study,
  SurvivalOutcome,
  ToxicitySummary,
} from '../domain/study.ts';
import { deriveBodySurfaceArea } from '../rules/dosing/body-surface-area.ts';
import { defaultDoseModificationSettings } from '../rules/dosing/dose-modification-check.ts';
import { classifyPclOrigin } from '../rules/pcl-origin.ts';
import { findClinicalAdverseEventTerm } from '../rules/toxicity/grade-clinical-adverse-event.ts';
import type { PatientAssessment } from './patient-assessment.ts';
import type { ToxicityCategory } from './toxicity-summary.ts';

export interface RegistryCenterInput {
  readonly code: string;
  readonly name: string;
  readonly city: string;
}

/** The enrolment (diagnosis) form, field names as the registry stores them. */
export interface RegistryEnrolmentInput {
  readonly diagnosisDate: string;
  /** Myeloma diagnosed before the leukaemic phase; null when none (primary PCL). */
  readonly priorMyelomaDiagnosisDate: string | null;
  readonly heavyChain: 'IgG' | 'IgA' | 'IgD' | 'IgM' | 'IgE' | null;
  readonly lightChain: 'kappa' | 'lambda' | null;
  readonly isNonSecretory: boolean;
  readonly pbPlasmaCellsPercent: number | null;
  readonly wbcPer1e9L: number | null;
  readonly hemoglobinGPerDl: number | null;
  readonly plateletsPer1e9L: number | null;
  readonly creatinineMgPerDl: number | null;
  readonly extramedullarySites: readonly string[];
  readonly karyotype: 'normal' | 'del13' | 'other-abnormal' | 'not-done';
}

export interface RegistryPriorTherapyInput {
  readonly lineNumber: number;
  readonly regimen: string;
  readonly agents: readonly string[];
  readonly startDate: string | null;
  readonly isAutologousTransplant: boolean;
}

export interface RegistryCourseInput {
  readonly id: number;
  readonly regimen: string;
  readonly agents: readonly string[];
  readonly startDate: string;
  readonly plannedBortezomibDoseMgPerM2: number | null;
  readonly plannedCycles: number | null;
  readonly heightCm: number | null;
  readonly weightKg: number | null;
}

export interface RegistryAdministrationInput {
  readonly courseId: number;
  readonly agent: string;
  readonly cycle: number;
  readonly doseMg: number;
  /** Why the dose differs from the plan (reduction, delay, omission); null when given as planned. */
  readonly modification: string | null;
}

export interface RegistryAdverseEventInput {
  readonly term: string;
  readonly grade: number;
  readonly ctcaeVersion: 'v3' | 'v5';
  readonly onsetDate: string;
  readonly courseId: number | null;
  readonly action?: 'none' | 'dose-reduced' | 'dose-delayed' | 'drug-withdrawn' | null;
}

/** What `assessPatient` made of the patient's labs, or why it was not run (no course, data refused). */
export type RegistryAssessmentOutcome =
  | { readonly kind: 'assessed'; readonly indexCourseId: number; readonly assessment: PatientAssessment }
  | { readonly kind: 'not-assessed'; readonly reason: string };

export interface RegistryPatientInput {
  readonly code: string;
  readonly centerCode: string;
  readonly sex: Sex;
  readonly birthYear: number;
  readonly enrolment: RegistryEnrolmentInput;
  readonly priorTherapies: readonly RegistryPriorTherapyInput[];
  readonly courses: readonly RegistryCourseInput[];
  readonly administrations: readonly RegistryAdministrationInput[];
  readonly adverseEvents: readonly RegistryAdverseEventInput[];
  readonly assessment: RegistryAssessmentOutcome;
}

export interface RegistryStudyInput {
  /** The registry's study code: it becomes the Study id (claim checkers are keyed by it). */
  readonly code: string;
  readonly title: string;
  /** Default: "registry study CODE (mmreg registry data)". */
  readonly citation?: string;
  /** The centres of the scope. */
  readonly centers: readonly RegistryCenterInput[];
  readonly patients: readonly RegistryPatientInput[];
  /** Literature to compare the registry's response with (default none). */
  readonly historicalSeries?: readonly HistoricalSeries[];
  /** Published statements to check against the registry's data (default none). */
  readonly claims?: readonly PublishedClaim[];
  /** [IMPL] Upper limit of normal for creatinine at diagnosis, mg/dL; default 1.2. */
  readonly creatinineUlnMgPerDl?: number;
}

export interface NotAssessedPatient {
  readonly code: string;
  readonly centerCode: string;
  readonly reason: string;
}

export interface RegistryStudy {
  /** The patients that could be mapped, in input order. */
  readonly study: Study;
  /** The patients that could not, with the reason, in input order. */
  readonly notAssessed: readonly NotAssessedPatient[];
}

/** [IMPL] default ULN of serum creatinine at diagnosis (the registry form stores no reference range). */
export const defaultDiagnosisCreatinineUlnMgPerDl = 1.2;

/** [IMPL] same tests as Table 2's haematological column in study-from-assessments.ts. */
const hematologicLabTests: ReadonlySet<string> = new Set(['platelets', 'anc', 'wbc', 'lymphocytes', 'hemoglobin']);

const normaliseTerm = (term: string): string =>
  term
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * [IMPL] Reported haematological terms the clinician-graded dictionary does not hold (it holds only
 * febrile neutropenia): the laboratory CTCAE terms and their usual clinical names.
 */
const hematologicTermNames: ReadonlySet<string> = new Set(
  [
    'anemia',
    'anaemia',
    'hemoglobin decreased',
    'haemoglobin decreased',
    'thrombocytopenia',
    'platelet count decreased',
    'neutropenia',
    'neutrophil count decreased',
    'leukopenia',
    'leucopenia',
    'white blood cell decreased',
    'lymphopenia',
    'lymphocytopenia',
    'lymphocyte count decreased',
    'pancytopenia',
  ].map(normaliseTerm),
);

/**
 * [IMPL] The toxicity category of a reported adverse event: a term of core's clinician-graded
 * dictionary goes by its MedDRA system organ class (nervous system → neurological, infections →
 * infectious, blood and lymphatic → haematological); an unknown term that names a blood count
 * (anaemia, thrombocytopenia, neutropenia…) is haematological; everything else is "other".
 */
export function registryAdverseEventCategory(term: string): ToxicityCategory {
  const found = findClinicalAdverseEventTerm(term);
  if (found.kind === 'found') {
    switch (found.term.systemOrganClass) {
      case 'Nervous system disorders':
        return 'neurologic';
      case 'Infections and infestations':
        return 'infectious';
      case 'Blood and lymphatic system disorders':
        return 'hematologic';
      default:
        return 'other';
    }
  }
  return hematologicTermNames.has(normaliseTerm(term)) ? 'hematologic' : 'other';
}

const bortezomibPattern = /bortezomib|velcade/i;
const transplantPattern = /\basct\b|autologous|stem[- ]cell transplant/i;

function toGrade(value: number, what: string): CtcaeGrade {
  if (!Number.isInteger(value) || value < 0 || value > 5) {
    throw new RangeError(`${what}: CTCAE grade must be an integer 0–5 (got ${value})`);
  }
  return value as CtcaeGrade;
}

/** Thrown for a patient whose data cannot enter the model; becomes a `notAssessed` entry. */
class NotMappable extends Error {}

interface Notes {
  readonly creatinineNotRecorded: string[];
  readonly karyotypeOtherAbnormal: string[];
  readonly igE: string[];
  readonly v5Events: string[];
  readonly otherTerms: Set<string>;
}

function emptyNotes(): Notes {
  return { creatinineNotRecorded: [], karyotypeOtherAbnormal: [], igE: [], v5Events: [], otherTerms: new Set() };
}

function mergeNotes(into: Notes, from: Notes): void {
  into.creatinineNotRecorded.push(...from.creatinineNotRecorded);
  into.karyotypeOtherAbnormal.push(...from.karyotypeOtherAbnormal);
  into.igE.push(...from.igE);
  into.v5Events.push(...from.v5Events);
  for (const term of from.otherTerms) into.otherTerms.add(term);
}

function monoclonalProteinOf(code: string, enrolment: RegistryEnrolmentInput, notes: Notes): MonoclonalProtein {
  if (enrolment.isNonSecretory) return { kind: 'non-secretory' };
  if (enrolment.lightChain === null) {
    throw new NotMappable('incomplete enrolment form: lightChain is required for secretory disease (Table 1)');
  }
  if (enrolment.heavyChain === 'IgE') {
    // [IMPL] the Study model has no IgE heavy chain: counted by its light chain, listed in provenance.
    notes.igE.push(code);
    return { kind: 'secretory', heavyChain: null, lightChain: enrolment.lightChain };
  }
  return { kind: 'secretory', heavyChain: enrolment.heavyChain, lightChain: enrolment.lightChain };
}

function karyotypeOf(code: string, karyotype: RegistryEnrolmentInput['karyotype'], notes: Notes): Karyotype {
  if (karyotype !== 'other-abnormal') return karyotype;
  // [IMPL] the Study model knows normal / del13 / not-done only: another abnormal karyotype is neither
  // normal nor del(13), so it is counted as not informative for del(13) and listed in provenance.
  notes.karyotypeOtherAbnormal.push(code);
  return 'not-done';
}

function creatinineOf(code: string, mgPerDl: number | null, ulnMgPerDl: number, notes: Notes): CreatinineAtDiagnosis {
  if (mgPerDl === null) {
    // [IMPL] not recorded: flag-only and not abnormal (the count is "abnormal creatinine recorded"),
    // the patients listed in provenance.
    notes.creatinineNotRecorded.push(code);
    return { kind: 'flag-only', isAbnormal: false };
  }
  return { kind: 'measured', mgPerDl, isAbnormal: mgPerDl > ulnMgPerDl };
}

function requireNumber(value: number | null, field: string, missing: string[]): number {
  if (value === null) {
    missing.push(field);
    return Number.NaN;
  }
  return value;
}

interface IndexWindow {
  readonly index: RegistryCourseInput;
  /** Start of the first later course (the next line), or null. */
  readonly nextLineStart: string | null;
}

function indexWindowOf(patient: RegistryPatientInput, indexCourseId: number): IndexWindow {
  const index = patient.courses.find((course) => course.id === indexCourseId);
  if (index === undefined)
    throw new NotMappable(`the index course ${indexCourseId} is not among the patient's courses`);
  let nextLineStart: string | null = null;
  for (const course of patient.courses) {
    if (course.startDate > index.startDate && (nextLineStart === null || course.startDate < nextLineStart)) {
      nextLineStart = course.startDate;
    }
  }
  return { index, nextLineStart };
}

/** [IMPL] Reported events of the index line: linked to the index course, or unlinked with onset in its window. */
function isInIndexLine(event: RegistryAdverseEventInput, window: IndexWindow): boolean {
  if (event.courseId !== null) return event.courseId === window.index.id;
  return (
    event.onsetDate >= window.index.startDate &&
    (window.nextLineStart === null || event.onsetDate < window.nextLineStart)
  );
}

function courseOf(patient: RegistryPatientInput, window: IndexWindow): BortezomibCourse {
  const { index } = window;
  const doses = patient.administrations.filter((row) => row.courseId === index.id && bortezomibPattern.test(row.agent));
  const planned = index.plannedBortezomibDoseMgPerM2;
  // [IMPL] dose reduction: a bortezomib dose of the index course recorded with a modification, or
  // below the planned mg/m² by more than the dose-level tolerance (0.05 mg/m²) when the course's
  // height and weight give the BSA, or an index-line adverse event whose action was "dose-reduced".
  const bodySurfaceAreaM2 =
    index.heightCm !== null && index.weightKg !== null
      ? deriveBodySurfaceArea({ heightCm: index.heightCm, weightKg: index.weightKg }).bodySurfaceAreaM2
      : null;
  const tolerance = defaultDoseModificationSettings.doseMatchToleranceMgPerM2;
  const hadDoseReduction =
    doses.some(
      (row) =>
        (row.modification !== null && row.modification.trim() !== '') ||
        (planned !== null && bodySurfaceAreaM2 !== null && row.doseMg / bodySurfaceAreaM2 < planned - tolerance),
    ) || patient.adverseEvents.some((event) => event.action === 'dose-reduced' && isInIndexLine(event, window));
  // [IMPL] cycles: the distinct cycle numbers of the recorded bortezomib doses; without administrations
  // the planned cycles; 0 when neither is recorded.
  const cycles = doses.length > 0 ? new Set(doses.map((row) => row.cycle)).size : (index.plannedCycles ?? 0);
  // [IMPL] partners: the course's agents other than bortezomib; the regimen label names them.
  const associatedAgents = index.agents.filter((agent) => !bortezomibPattern.test(agent));
  // [IMPL] ASCT after the index course: a prior-therapy row flagged ASCT that starts after the index
  // start, or a later course whose regimen or agents name an autologous transplant.
  const followedByAutologousTransplant =
    patient.priorTherapies.some(
      (therapy) => therapy.isAutologousTransplant && therapy.startDate !== null && therapy.startDate > index.startDate,
    ) ||
    patient.courses.some(
      (course) =>
        course.startDate > index.startDate &&
        (transplantPattern.test(course.regimen) || course.agents.some((agent) => transplantPattern.test(agent))),
    );
  return {
    // [IMPL] the planned dose; 0 when the index course records none (never imputed as 1.3).
    doseMgPerM2: planned ?? 0,
    cycles,
    associatedRegimen: associatedAgents.length === 0 ? null : index.regimen,
    associatedAgents,
    hadDoseReduction,
    followedByAutologousTransplant,
    // [IMPL] the registry has no maintenance field.
    maintenance: null,
  };
}

/** [IMPL] prior therapy = a prior-therapy row without a start date or starting before the index course. */
function priorTherapiesOf(patient: RegistryPatientInput, index: RegistryCourseInput): PriorTherapy[] {
  return [...patient.priorTherapies]
    .filter((therapy) => therapy.startDate === null || therapy.startDate < index.startDate)
    .sort((a, b) => a.lineNumber - b.lineNumber)
    .map((therapy) => ({
      label: therapy.regimen,
      agents: [...therapy.agents],
      isAutologousTransplant: therapy.isAutologousTransplant,
    }));
}

/**
 * [IMPL] PFS as the endpoint rules derived it: the event is progression (or, under the non-default
 * setting, new therapy) or death without progression; censorings are at the last adequate
 * assessment. A PD at the first evaluation keeps its progression time: "primary refractory without a
 * progression time" is a convention for printed tables, and registry data have the date.
 */
function progressionOf(assessment: PatientAssessment): ProgressionOutcome {
  const pfs = assessment.endpoints.pfs;
  if (!pfs.event) return { kind: 'censored', months: pfs.months, reason: 'last-assessment' };
  if (pfs.reason.kind === 'death-without-progression') return { kind: 'death', months: pfs.months };
  return { kind: 'progression', months: pfs.months };
}

function survivalOf(assessment: PatientAssessment): SurvivalOutcome {
  const os = assessment.endpoints.os;
  return os.event
    ? { kind: 'death', months: os.months }
    : { kind: 'censored', months: os.months, reason: 'alive-at-last-follow-up' };
}

/** [IMPL] alive: PD once progressed, else the best response (a response holds until progression). */
function lastFollowUpOf(assessment: PatientAssessment, bestResponse: ResponseCategory): LastFollowUpStatus {
  if (assessment.endpoints.os.event) return { kind: 'dead' };
  return { kind: 'alive', disease: assessment.response.progression === null ? bestResponse : 'PD' };
}

function toxicityOf(
  patient: RegistryPatientInput,
  assessment: PatientAssessment,
  window: IndexWindow,
  notes: Notes,
): ToxicitySummary {
  let hematologic = 0;
  let neurologic = 0;
  let infectious = 0;
  // [IMPL] haematological: the worst CTCAE grade of platelets, ANC, WBC, lymphocytes and haemoglobin
  // on the index line (assessPatient's grades); other laboratory grades (creatinine, calcium…) stay
  // in the patient's derived results and are not a Table 2 category.
  for (const toxicity of assessment.toxicities) {
    if (hematologicLabTests.has(toxicity.test) && toxicity.grade > hematologic) hematologic = toxicity.grade;
  }
  const other = new Map<string, { term: string; grade: CtcaeGrade }>();
  for (const event of patient.adverseEvents) {
    if (!isInIndexLine(event, window)) continue;
    const grade = toGrade(event.grade, `adverse event "${event.term}"`);
    if (event.ctcaeVersion === 'v5') notes.v5Events.push(patient.code);
    switch (registryAdverseEventCategory(event.term)) {
      case 'hematologic':
        hematologic = Math.max(hematologic, grade);
        break;
      case 'neurologic':
        neurologic = Math.max(neurologic, grade);
        break;
      case 'infectious':
        infectious = Math.max(infectious, grade);
        break;
      case 'other': {
        // [IMPL] one entry per term (normalised spelling), the worst grade, as reported (exact).
        const key = normaliseTerm(event.term);
        const seen = other.get(key);
        if (seen === undefined || grade > seen.grade) other.set(key, { term: seen?.term ?? event.term, grade });
        notes.otherTerms.add(event.term);
        break;
      }
    }
  }
  const others: OtherToxicity[] = [...other.values()].map((entry) => ({
    term: entry.term,
    grade: { kind: 'exact', grade: entry.grade },
  }));
  return {
    // [IMPL] the registry derives laboratory grades with CTCAE v3.0 (storage's derivation setting).
    ctcaeVersion: 'v3.0',
    hematologic: toGrade(hematologic, 'haematological toxicity'),
    neurologic: toGrade(neurologic, 'neurological toxicity'),
    infectious: toGrade(infectious, 'infectious toxicity'),
    other: others,
  };
}

function patientOf(patient: RegistryPatientInput, creatinineUln: number, notes: Notes): Patient {
  const outcome = patient.assessment;
  if (outcome.kind === 'not-assessed') throw new NotMappable(outcome.reason);
  const { assessment } = outcome;
  const window = indexWindowOf(patient, outcome.indexCourseId);
  const enrolment = patient.enrolment;
  const missing: string[] = [];
  const diagnosis = {
    peripheralBloodPlasmaCellsPercent: requireNumber(enrolment.pbPlasmaCellsPercent, 'pbPlasmaCellsPercent', missing),
    whiteBloodCellsPer1e9L: requireNumber(enrolment.wbcPer1e9L, 'wbcPer1e9L', missing),
    hemoglobinGPerDl: requireNumber(enrolment.hemoglobinGPerDl, 'hemoglobinGPerDl', missing),
    plateletsPer1e9L: requireNumber(enrolment.plateletsPer1e9L, 'plateletsPer1e9L', missing),
  };
  // [IMPL] Table 1 has no "unknown" for these values: an incomplete enrolment form keeps the patient
  // out of the analysis (listed with the fields), rather than imputing a value.
  if (missing.length > 0) throw new NotMappable(`incomplete enrolment form: ${missing.join(', ')} not recorded`);
  const pclType = classifyPclOrigin({
    pclDiagnosisDate: toCalendarDate(enrolment.diagnosisDate),
    priorMyelomaDiagnosisDate:
      enrolment.priorMyelomaDiagnosisDate === null ? null : toCalendarDate(enrolment.priorMyelomaDiagnosisDate),
  }).type;
  // [IMPL] no evaluable assessment after the index start: NE, kept in the denominator (§8).
  const bestResponse = assessment.response.bestResponse?.category ?? 'NE';
  const sites = enrolment.extramedullarySites;
  return {
    code: toPatientCode(patient.code),
    centerId: toCenterId(patient.centerCode),
    sex: patient.sex,
    // [IMPL] only the birth year is stored: age = index-therapy year − birth year, exact to ±1 year.
    ageYears: Number((window.index.startDate as CalendarDate).slice(0, 4)) - patient.birthYear,
    pclType,
    monoclonalProtein: monoclonalProteinOf(patient.code, enrolment, notes),
    diagnosis: {
      ...diagnosis,
      creatinine: creatinineOf(patient.code, enrolment.creatinineMgPerDl, creatinineUln, notes),
    },
    extramedullaryDisease: sites.length === 0 ? { present: false } : { present: true, sites: [...sites] },
    karyotype: karyotypeOf(patient.code, enrolment.karyotype, notes),
    priorTherapies: priorTherapiesOf(patient, window.index),
    course: courseOf(patient, window),
    bestResponse,
    progression: progressionOf(assessment),
    survival: survivalOf(assessment),
    lastFollowUp: lastFollowUpOf(assessment, bestResponse),
    toxicity: toxicityOf(patient, assessment, window, notes),
  };
}

function listed(codes: readonly string[]): string {
  const unique = [...new Set(codes)];
  const shown = unique.slice(0, 20).join(', ');
  return unique.length > 20 ? `${shown} and ${unique.length - 20} more` : shown;
}

function provenanceOf(input: RegistryStudyInput, patients: number, notAssessed: number, notes: Notes): string[] {
  const lines = [
    `Built from registry data by studyFromRegistry (docs/rules/registry-analysis.md): ${patients} patient(s) analysed, ${notAssessed} not assessed.`,
    'Best response, PFS, OS and haematological grades derived by the rules engine from the registered laboratory values (IMWG 2006, CTCAE v3.0); times from the index therapy start, months = days / 30.4375.',
    'Ages are index-therapy year − birth year (only the birth year is stored): exact to ±1 year.',
  ];
  const uln = input.creatinineUlnMgPerDl ?? defaultDiagnosisCreatinineUlnMgPerDl;
  lines.push(`Creatinine at diagnosis is abnormal above ${uln} mg/dL.`);
  if (notes.creatinineNotRecorded.length > 0) {
    lines.push(
      `Creatinine at diagnosis not recorded, counted as not abnormal: ${listed(notes.creatinineNotRecorded)}.`,
    );
  }
  if (notes.karyotypeOtherAbnormal.length > 0) {
    lines.push(
      `Abnormal karyotype other than del(13), counted as not informative for del(13) ("not done"): ${listed(notes.karyotypeOtherAbnormal)}.`,
    );
  }
  if (notes.igE.length > 0) {
    lines.push(`IgE heavy chain has no Table 1 category, counted by its light chain only: ${listed(notes.igE)}.`);
  }
  if (notes.v5Events.length > 0) {
    lines.push(`Adverse events reported with CTCAE v5.0 grades, counted as reported: ${listed(notes.v5Events)}.`);
  }
  if (notes.otherTerms.size > 0) {
    lines.push(`Reported adverse events counted as "other": ${[...notes.otherTerms].sort().join(', ')}.`);
  }
  return lines;
}

/** Maps registry data to the Study model `analyseStudy` consumes; unmappable patients are listed. */
export function studyFromRegistry(input: RegistryStudyInput): RegistryStudy {
  const creatinineUln = input.creatinineUlnMgPerDl ?? defaultDiagnosisCreatinineUlnMgPerDl;
  if (!(Number.isFinite(creatinineUln) && creatinineUln > 0)) {
    throw new RangeError(`creatinineUlnMgPerDl must be a positive number (got ${creatinineUln})`);
  }
  const notes = emptyNotes();
  const centers: Center[] = input.centers.map((center) => ({
    id: toCenterId(center.code),
    name: center.name,
    city: center.city,
  }));
  const patients: Patient[] = [];
  const notAssessed: NotAssessedPatient[] = [];
  for (const patient of input.patients) {
    // A patient's notes count only once the patient is in the model.
    const patientNotes = emptyNotes();
    try {
      patients.push(patientOf(patient, creatinineUln, patientNotes));
      mergeNotes(notes, patientNotes);
    } catch (error) {
      // Data the model cannot take (a refused date, an incomplete form) is a listed reason; anything
      // else is a bug and propagates.
      if (!(error instanceof NotMappable || error instanceof DomainError || error instanceof RangeError)) throw error;
      notAssessed.push({ code: patient.code, centerCode: patient.centerCode, reason: error.message });
    }
  }
  return {
    study: {
      id: toStudyId(input.code),
      title: input.title,
      citation: input.citation ?? `registry study ${input.code} (mmreg registry data)`,
      centers,
      patients,
      historicalSeries: input.historicalSeries ?? [],
      claims: input.claims ?? [],
      provenance: provenanceOf(input, patients.length, notAssessed.length, notes),
    },
    notAssessed,
  };
}
