import { describe, expect, it } from 'vitest';
import { analysisFromStudy, loadReferenceStudy, syntheticPatients } from './dashboard-test-fixture.ts';
import { type DrawnStep, plotAreaPx, thinStepsForDrawing } from './figure-thinning.ts';
import { allPatientsSurvival, computeSubgroupSurvival } from './survival-subgroups.ts';

const halfPixel = 0.5 / plotAreaPx.height;

/** The value a step curve drawn through `drawn` shows at `time` (step after: the last vertex at or before it). */
function drawnValue(
  drawn: readonly DrawnStep[],
  time: number,
  pick: (step: DrawnStep) => number | null,
): number | null {
  let value: number | null = null;
  for (const step of drawn) {
    if (step.time > time) break;
    value = pick(step);
  }
  return value;
}

describe('thinStepsForDrawing', () => {
  it('keeps every step that changes the Musto 2007 curves (only censoring-only rows, which draw nothing, go)', () => {
    const analysis = analysisFromStudy(loadReferenceStudy());
    const survival = allPatientsSurvival(analysis.results, analysis.patients);
    for (const endpoint of [survival.pfs, survival.os]) {
      const steps = endpoint.levels[0]?.estimate.steps ?? [];
      const changing = steps.filter(
        (step, index) =>
          index === 0 ||
          index === steps.length - 1 ||
          step.surv !== steps[index - 1]?.surv ||
          step.lower !== steps[index - 1]?.lower ||
          step.upper !== steps[index - 1]?.upper,
      );
      expect(thinStepsForDrawing(steps)).toEqual(changing);
    }
  });

  it('draws far fewer vertices at 5,000 patients, never more than half a pixel from the exact curve and band', () => {
    const patients = syntheticPatients(5000);
    const analysis = analysisFromStudy(loadReferenceStudy());
    const survival = computeSubgroupSurvival('pclType', patients, analysis.results.conventions);
    for (const level of survival.pfs.levels) {
      const steps = level.estimate.steps;
      const drawn = thinStepsForDrawing(steps);
      expect(drawn.length).toBeLessThan(steps.length * 0.7);
      expect(drawn[0]).toBe(steps[0]);
      expect(drawn.at(-1)).toBe(steps.at(-1));
      for (const step of steps) {
        for (const pick of [(s: DrawnStep) => s.surv, (s: DrawnStep) => s.lower, (s: DrawnStep) => s.upper]) {
          const exact = pick(step);
          const shown = drawnValue(drawn, step.time, pick);
          if (exact === null || shown === null) continue;
          expect(Math.abs(shown - exact)).toBeLessThan(halfPixel);
        }
      }
    }
  });
});
