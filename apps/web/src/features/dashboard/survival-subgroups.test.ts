import { kaplanMeier, logRankTest, survivalMedian } from '@mmreg/core';
import { describe, expect, it } from 'vitest';
import type { AnalysedPatient } from '../../api/dashboard-analysis.ts';
import { analysisFromStudy, loadReferenceStudy, syntheticPatients } from './dashboard-test-fixture.ts';
import { thinCensorMarks } from './figure-thinning.ts';
import { createSubgroupCache } from './survival-figures.ts';
import {
  allPatientsSurvival,
  atRiskFromSteps,
  computeSubgroupSurvival,
  dashboardTimeBreaks,
  findSubgroup,
  type SubgroupKey,
} from './survival-subgroups.ts';

const conventions = {
  confLevel: 0.95,
  kaplanMeierConfidenceType: 'log',
  atRiskTimes: [0, 3, 6, 9, 12, 15, 18, 21, 24],
} as const;
const fullConventions = {
  ...conventions,
  primaryRefractoryPfs: { kind: 'event-at', months: 0.5 },
  primaryRefractoryPfsSensitivity: [],
  timeOrigin: 'first-month-of-bortezomib',
  timeUnit: 'months',
  atRiskTimes: [...conventions.atRiskTimes],
} as const;

/** Core called directly on the rows of one level: KM median with CI, and the log-rank test over levels. */
function coreDirectly(patients: readonly AnalysedPatient[], key: SubgroupKey, endpoint: 'pfs' | 'os') {
  const definition = findSubgroup(key);
  const rows = patients.flatMap((patient) => {
    const level = definition.levelOf(patient);
    const outcome = patient[endpoint];
    return level === null || outcome === null
      ? []
      : [{ time: outcome.months, event: outcome.isEvent ? 1 : 0, group: level }];
  });
  const medians = definition.levels.map((_, level) => {
    const members = rows.filter((row) => row.group === level);
    const stratum = kaplanMeier(
      { time: members.map((row) => row.time), event: members.map((row) => row.event) },
      { confLevel: 0.95, confType: 'log' },
    ).strata[0];
    return stratum === undefined ? null : survivalMedian(stratum);
  });
  const test = logRankTest({
    time: rows.map((row) => row.time),
    event: rows.map((row) => row.event),
    group: rows.map((row) => row.group),
  });
  return { medians, p: test.p, chisq: test.chisq };
}

describe('computeSubgroupSurvival', () => {
  const patients = syntheticPatients(600);

  for (const key of ['pclType', 'del13', 'priorAsct', 'combination'] as const) {
    it(`gives core's medians and log-rank p when recomputing PFS and OS by ${key}`, () => {
      const survival = computeSubgroupSurvival(key, patients, fullConventions);
      for (const endpoint of ['pfs', 'os'] as const) {
        const direct = coreDirectly(patients, key, endpoint);
        survival[endpoint].levels.forEach((level, index) => {
          expect({ median: level.estimate.median, lower: level.estimate.lower, upper: level.estimate.upper }).toEqual({
            median: direct.medians[index]?.median,
            lower: direct.medians[index]?.lower,
            upper: direct.medians[index]?.upper,
          });
        });
        expect(survival[endpoint].logRank?.p).toBe(direct.p);
        expect(survival[endpoint].logRank?.chisq).toBe(direct.chisq);
      }
    });
  }

  it('leaves patients without a karyotype out of the del(13) comparison and counts them', () => {
    const survival = computeSubgroupSurvival('del13', patients, fullConventions);
    const notDone = patients.filter((patient) => patient.karyotype === 'not-done').length;
    expect(survival.unclassified).toBe(notDone);
    const total = survival.os.levels.reduce((sum, level) => sum + level.estimate.n, 0);
    expect(total).toBe(patients.length - notDone);
  });

  it('reproduces the results’ PCL-type medians and log-rank p of the Musto 2007 study from its rows', () => {
    const analysis = analysisFromStudy(loadReferenceStudy());
    const survival = computeSubgroupSurvival('pclType', analysis.patients, analysis.results.conventions);
    for (const endpoint of ['pfs', 'os'] as const) {
      const expected = analysis.results.survival[endpoint];
      const [primary, secondary] = survival[endpoint].levels;
      expect(primary?.estimate.median).toEqual(expected.primary.median);
      expect(secondary?.estimate.median).toEqual(expected.secondary.median);
      expect(primary?.estimate.steps).toEqual(expected.curves.primary);
      expect(survival[endpoint].logRank?.p).toEqual(expected.logrank.p);
    }
  });

  it('reports no test when only one level has patients', () => {
    const onlyPrimary = patients.filter((patient) => patient.pclType === 'primary');
    const survival = computeSubgroupSurvival('pclType', onlyPrimary, fullConventions);
    expect(survival.pfs.logRank?.p).toBeNull();
    expect(survival.pfs.levels[1]?.estimate.n).toBe(0);
  });
});

describe('allPatientsSurvival', () => {
  it('takes the all-patients curves as the results hold them and counts at risk as time ≥ t', () => {
    const analysis = analysisFromStudy(loadReferenceStudy());
    const survival = allPatientsSurvival(analysis.results, analysis.patients);
    expect(survival.pfs.levels[0]?.estimate.steps).toEqual(analysis.results.survival.pfs.curves.all);
    expect(survival.pfs.levels[0]?.estimate.median).toEqual(analysis.results.survival.pfs.all.median);
    const atRisk = survival.timeBreaks.map(
      (time) => analysis.patients.filter((patient) => (patient.pfs?.months ?? -1) >= time).length,
    );
    expect(survival.pfs.levels[0]?.estimate.atRisk).toEqual(atRisk);
    // Same as core's own at-risk counts at the same times.
    expect(
      computeSubgroupSurvival('all', analysis.patients, analysis.results.conventions).pfs.levels[0]?.estimate.atRisk,
    ).toEqual(atRisk);
  });
});

describe('dashboardTimeBreaks', () => {
  it('keeps the report’s breaks up to the follow-up and continues them for longer follow-up', () => {
    expect(dashboardTimeBreaks([0, 3, 6, 9, 12, 15, 18, 21, 24], 21)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    expect(dashboardTimeBreaks([0, 3, 6, 9, 12, 15, 18, 21, 24], 10)).toEqual([0, 3, 6, 9, 12]);
    expect(dashboardTimeBreaks([0, 3, 6, 9, 12, 15, 18, 21, 24], 31)).toEqual([
      0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33,
    ]);
  });

  it('reads at-risk counts from a curve’s rows', () => {
    const steps = [
      { time: 1, nRisk: 5 },
      { time: 4, nRisk: 3 },
      { time: 7, nRisk: 1 },
    ];
    expect(atRiskFromSteps(steps, [0, 1, 2, 7, 8])).toEqual([5, 5, 3, 1, 0]);
  });
});

describe('createSubgroupCache', () => {
  it('computes and draws a subgroup once and reports how long it took', () => {
    const analysis = analysisFromStudy(loadReferenceStudy());
    const computed: string[] = [];
    const cache = createSubgroupCache(analysis.results, analysis.patients, (key) => computed.push(key));
    const first = cache.get('pclType');
    expect(cache.get('pclType')).toBe(first);
    expect(computed).toEqual(['pclType']);
    expect(first.pfsSvg).toContain('role="img"');
    expect(first.pfsSvg).toContain('Log-rank p = ');
  });
});

describe('thinCensorMarks', () => {
  it('draws marks sharing a 4-px cell once and keeps marks further apart', () => {
    // 24 months over 620 px: 0.05 month is 1.3 px, 1 month is 26 px; survival 0.1 is 32 px.
    const marks = [
      { time: 6, surv: 0.5 },
      { time: 6.05, surv: 0.5 },
      { time: 7, surv: 0.5 },
      { time: 7, surv: 0.4 },
    ];
    expect(thinCensorMarks(marks, 24)).toEqual([marks[0], marks[2], marks[3]]);
  });

  it('keeps every Musto 2007 censor mark (the report’s figure is unchanged at that size)', () => {
    const analysis = analysisFromStudy(loadReferenceStudy());
    const survival = allPatientsSurvival(analysis.results, analysis.patients);
    const censored = survival.os.levels[0]?.estimate.censored ?? [];
    expect(thinCensorMarks(censored, 24)).toEqual(censored);
  });
});
