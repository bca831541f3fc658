/** metafor's escalc for single proportions: every study transformed to the chosen scale. */
import { doubleArcsineProportion } from './double-arcsine-proportion.ts';
import {
  assertProportionStudies,
  type EffectSizes,
  type ProportionMeasure,
  type ProportionStudies,
} from './effect-sizes.ts';
import { logitProportion } from './logit-proportion.ts';

/** Effect sizes of a set of proportions on the transformed scale, in study order. */
export interface ProportionEffectSizes extends EffectSizes {
  readonly measure: ProportionMeasure;
  /** Per study: ½ added to both cells (logit with 0 or n events only; always false for the double arcsine). */
  readonly isContinuityCorrected: readonly boolean[];
}

/**
 * Computes yi and vi for every study, as `escalc(measure = "PLO" | "PFT", xi = events, ni = n)` with
 * metafor's defaults.
 *
 * Formula: logit: yi = log(p/(1−p)), vi = 1/x + 1/(n−x), with ½ added to both cells only where x = 0
 * or x = n (`add = 1/2, to = "only0"`); double arcsine: yi = ½[asin√(x/(n+1)) + asin√((x+1)/(n+1))],
 * vi = 1/(4n+2), never corrected.
 *
 * Reference: Viechtbauer W (2010) Conducting meta-analyses in R with the metafor package. J Stat
 * Softw 36(3):1–48; Freeman MF, Tukey JW (1950) Ann Math Stat 21:607–611.
 *
 * @example
 * proportionEffectSizes({ events: [12, 5], n: [25, 8] }, 'logit');
 * // { measure: 'logit', yi: [-0.0800…, 0.5108…], vi: [0.1602…, 0.5333…], isContinuityCorrected: [false, false] }
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function proportionEffectSizes(studies: ProportionStudies, measure: ProportionMeasure): ProportionEffectSizes {
  assertProportionStudies(studies);
  const k = studies.events.length;
  const yi: number[] = [];
  const vi: number[] = [];
  const isContinuityCorrected: boolean[] = [];
  for (let i = 0; i < k; i += 1) {
    const events = studies.events[i] ?? Number.NaN;
    const n = studies.n[i] ?? Number.NaN;
    switch (measure) {
      case 'logit': {
        const study = logitProportion(events, n);
        yi.push(study.yi);
        vi.push(study.vi);
        isContinuityCorrected.push(study.isContinuityCorrected);
        break;
      }
      case 'double-arcsine': {
        const study = doubleArcsineProportion(events, n);
        yi.push(study.yi);
        vi.push(study.vi);
        isContinuityCorrected.push(false);
        break;
      }
      default:
        return assertNever(measure);
    }
  }
  return { measure, yi, vi, isContinuityCorrected };
}

function assertNever(value: never): never {
  throw new RangeError(`unknown measure ${String(value)}`);
}
