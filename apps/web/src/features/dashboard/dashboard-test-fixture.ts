/**
 * Test helper: the analysis response the server would send for a core `Study` (results model by the
 * report's `buildResultsJson`, patient rows by core's record functions, as apps/server/src/analysis/
 * builds them), and a synthetic cohort of any size for the subgroup tests and the benchmark. It must
 * not be imported by app code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyseStudy,
  compareSurvivalGroups,
  deriveOverallSurvivalRecords,
  deriveProgressionFreeRecords,
  estimateSurvivalGroup,
  hasPriorAutologousTransplant,
  type Study,
} from '@mmreg/core';
// By path: the web build resolves `@mmreg/report` and `@mmreg/contracts` to browser entries, which do
// not hold the results builder and the study-file parser this helper needs in both vitest projects.
import { parseStudyFile } from '../../../../../packages/contracts/src/study-file.ts';
import { buildResultsJson } from '../../../../../packages/report/src/results-json.ts';
import type { AnalysedPatient, AnalysedStudy, AnalysisResults } from '../../api/dashboard-analysis.ts';

/** examples/musto2007/study.json (vitest runs from the repository root). */
export function loadReferenceStudy(): Study {
  const path = join(process.cwd(), 'examples', 'musto2007', 'study.json');
  const parsed = parseStudyFile(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error('examples/musto2007/study.json is invalid');
  return parsed.value;
}

export function analysisFromStudy(study: Study, options: { readonly isStudyWide?: boolean } = {}): AnalysedStudy {
  const analysis = analyseStudy(study);
  const results = JSON.parse(
    JSON.stringify(buildResultsJson(analysis, { name: 'mmreg', version: 'test', generatedAt: null })),
  ) as AnalysisResults;
  const centerIds = new Map(study.centers.map((center, index) => [center.id as string, index + 1]));
  const pfs = new Map(
    deriveProgressionFreeRecords(study.patients, analysis.conventions.primaryRefractoryPfs).records.map((record) => [
      record.patient.code as string,
      record,
    ]),
  );
  const os = new Map(
    deriveOverallSurvivalRecords(study.patients).map((record) => [record.patient.code as string, record]),
  );
  const patients = study.patients.map((patient, index): AnalysedPatient => {
    const pfsRecord = pfs.get(patient.code);
    const osRecord = os.get(patient.code);
    const outcome = patient.progression.kind;
    return {
      code: patient.code,
      centerId: (patient.centerId === null ? undefined : centerIds.get(patient.centerId)) ?? 1,
      pclType: patient.pclType,
      karyotype: patient.karyotype,
      hasPriorAsct: hasPriorAutologousTransplant(patient),
      isSingleAgent: patient.course.associatedRegimen === null,
      bestResponse: patient.bestResponse,
      // Fixture values: the published study has no response dates.
      responseMonths: ['sCR', 'CR', 'VGPR', 'PR'].includes(patient.bestResponse) ? 1 + (index % 3) : null,
      pfs:
        pfsRecord === undefined
          ? null
          : {
              months: pfsRecord.months,
              isEvent: pfsRecord.isEvent,
              outcome: outcome === 'primary-refractory' ? 'progression' : outcome,
            },
      os: { months: osRecord?.months ?? 0, isEvent: osRecord?.isEvent ?? false },
    };
  });
  return {
    format: 'mmreg-registry-analysis',
    formatVersion: 2,
    generatedAt: '2026-01-01T00:00:00.000Z',
    study: { id: 1, code: study.id, title: study.title },
    scope: {
      isStudyWide: options.isStudyWide ?? true,
      centers: study.centers.map((center, index) => ({
        id: index + 1,
        code: center.id,
        name: center.name,
        city: center.city,
        patients: patients.filter((patient) => patient.centerId === index + 1).length,
        forms: { complete: 10 * (index + 1), unverified: index, incomplete: 2 },
      })),
    },
    notAssessed: [],
    notes: ['fixture'],
    status: 'analysed',
    results,
    patients,
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator), so cohorts repeat. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const responses = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'] as const;

/** `count` synthetic patients over `centers` centres with exponential-ish PFS/OS and every subgroup field varied. */
export function syntheticPatients(count: number, centers = 8, seed = 20070601): AnalysedPatient[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index): AnalysedPatient => {
    const isPrimary = random() < 0.6;
    const hazard = isPrimary ? 0.08 : 0.12;
    const pfsMonths = Math.round((-Math.log(1 - random()) / hazard) * 30.4375) / 30.4375;
    const osMonths = Math.max(pfsMonths, Math.round((pfsMonths + -Math.log(1 - random()) / 0.1) * 30.4375) / 30.4375);
    const followUp = Math.round(random() * 48 * 30.4375) / 30.4375;
    const pfsEvent = pfsMonths <= followUp;
    const osEvent = osMonths <= followUp;
    const response = responses[Math.floor(random() * responses.length)] ?? 'NE';
    const karyotypeDraw = random();
    return {
      code: `S${String(index + 1).padStart(5, '0')}`,
      centerId: 1 + (index % centers),
      pclType: isPrimary ? 'primary' : 'secondary',
      karyotype: karyotypeDraw < 0.3 ? 'del13' : karyotypeDraw < 0.8 ? 'normal' : 'not-done',
      hasPriorAsct: random() < 0.25,
      isSingleAgent: random() < 0.4,
      bestResponse: response,
      responseMonths: ['sCR', 'CR', 'VGPR', 'PR'].includes(response) ? Math.min(1 + random() * 3, followUp) : null,
      pfs: {
        months: pfsEvent ? pfsMonths : followUp,
        isEvent: pfsEvent,
        outcome: pfsEvent ? (osEvent && osMonths === pfsMonths ? 'death' : 'progression') : 'censored',
      },
      os: { months: osEvent ? osMonths : followUp, isEvent: osEvent },
    };
  });
}

/**
 * A study-wide analysis of `count` synthetic patients for load tests: the template's results model
 * with its survival rebuilt from the synthetic records by core's functions (all patients and PCL types)
 * and its response counts taken from the rows; 8 centres. Not a study: a payload of realistic size.
 */
export function syntheticAnalysis(template: AnalysedStudy, count: number): AnalysedStudy {
  const centers = 8;
  const patients = syntheticPatients(count, centers);
  const conventions = template.results.conventions;
  const endpoint = (which: 'pfs' | 'os') => {
    const records = patients.flatMap((patient) => {
      const outcome = patient[which];
      return outcome === null
        ? []
        : [{ months: outcome.months, isEvent: outcome.isEvent, group: patient.pclType === 'primary' ? 0 : 1 }];
    });
    const group = (members: typeof records) => {
      const estimate = estimateSurvivalGroup(members, conventions);
      return {
        summary: {
          n: estimate.n,
          events: estimate.events,
          median: estimate.median,
          lower: estimate.lower,
          upper: estimate.upper,
        },
        steps: [...estimate.steps],
      };
    };
    const all = group(records);
    const primary = group(records.filter((record) => record.group === 0));
    const secondary = group(records.filter((record) => record.group === 1));
    const test = compareSurvivalGroups(records, 2);
    return {
      ...template.results.survival[which],
      all: all.summary,
      primary: primary.summary,
      secondary: secondary.summary,
      logrank: { chisq: test.chisq, df: test.df, p: test.p },
      excluded: [],
      curves: { all: all.steps, primary: primary.steps, secondary: secondary.steps },
    };
  };
  const counts = Object.fromEntries(
    responses.map((category) => [category, patients.filter((patient) => patient.bestResponse === category).length]),
  ) as Record<(typeof responses)[number], number>;
  const responders = patients.filter((patient) => patient.responseMonths !== null).length;
  return {
    ...template,
    study: { ...template.study, title: `${count} synthetic patients (load test)` },
    scope: {
      isStudyWide: true,
      centers: Array.from({ length: centers }, (_, index) => ({
        id: index + 1,
        code: `C${index + 1}`,
        name: `Synthetic centre ${index + 1}`,
        city: 'Nowhere',
        patients: patients.filter((patient) => patient.centerId === index + 1).length,
        forms: { complete: (40 * count) / centers, unverified: (3 * count) / centers, incomplete: count / centers },
      })),
    },
    results: {
      ...template.results,
      study: { ...template.results.study, patients: count },
      response: { ...template.results.response, n: count, responders, counts },
      survival: { ...template.results.survival, pfs: endpoint('pfs'), os: endpoint('os'), pfsSensitivity: [] },
    },
    patients,
  };
}
