/**
 * Progressive disease at one assessment (clinical-spec.md §1.4 [V], with the §2, §3 and §5.1
 * variants): a rise from the nadir (nadir.ts) in one or more of —
 * serum M-protein ≥ 25 % and ≥ 0.5 g/dL, or ≥ 1 g/dL when the nadir is ≥ 5 g/dL (IMWG; EBMT and PCL:
 *   > 25 % and ≥ 0.5 g/dL); urine M-protein ≥ 25 % and ≥ 200 mg/24 h (EBMT/PCL "> 25 %");
 * dFLC ≥ 25 % and > 10 mg/dL, only when serum and urine are unmeasurable (IMWG; PCL by setting
 *   `pclFlcProgression` [IMPL]; EBMT has no FLC);
 * bone marrow plasma cells ≥ 25 % with the new value ≥ 10 % (2006 reading) or an absolute rise ≥ 10
 *   points (2016 reading) — the wording is ambiguous [V]/[P], setting `imwgMarrowProgressionReading`;
 *   EBMT "> 25 % and ≥ 10 points"; PCL "> 25 % or ≥ 10 points" as printed [P] (`pclMarrowProgression`);
 * blood plasma cells (PCL) > 5 points; circulating plasma cells (2016, when serum, urine and FLC are
 *   unmeasurable) ≥ 50 % and ≥ 200 cells/µL [P];
 * a new bone lesion, a new plasmacytoma or a plasmacytoma SPD rise ≥ 50 % from its nadir (2016
 *   quantification of "definite increase" [P], setting `plasmacytomaProgressionPercent`) — imaging,
 *   so no confirmation is needed;
 * corrected calcium > 11.5 mg/dL (not in IMWG 2016, where it is clinical relapse) [V].
 * Serum and urine rises count only in compartments measurable at baseline unless
 * `progressionScope` says otherwise [IMPL]. A nadir of 0 makes the relative clause true for any rise,
 * so the absolute minimum decides [IMPL]. It does not judge relapse from CR (§1.5), which is not PD.
 */
import type { RuleDefinition, ThresholdCheck } from '../rule.ts';
import { positive as importedPositive, type TimepointValues } from './assessment-values.ts';
import { bloodPlasmaCellsPerMicrolitre, freeLightChainDifference } from './baseline-values.ts';
import { correctCalciumForProgression, hypercalcaemiaMgPerDl } from './correct-calcium-for-progression.ts';
import type { MeasurableDisease } from './measurable-disease.ts';
import type { NadirTracker } from './nadir.ts';
import {
  comparatorSign as importedComparatorSign,
  compare as importedCompare,
  formatNumber as importedFormatNumber,
  formatSignedChange as importedFormatSignedChange,
  formatSignedPercent as importedFormatSignedPercent,
  isAtLeast as importedIsAtLeast,
  isGreater as importedIsGreater,
} from './response-format.ts';
import type { ResolvedCriteria } from './response-settings.ts';

// Imported bindings read once: where modules load as CommonJS (tsx, the benchmark) every read of an
// imported binding is a getter call, and these are read per assessment.
const comparatorSign = importedComparatorSign;
const compare = importedCompare;
const formatNumber = importedFormatNumber;
const formatSignedChange = importedFormatSignedChange;
const formatSignedPercent = importedFormatSignedPercent;
const isAtLeast = importedIsAtLeast;
const isGreater = importedIsGreater;
const positive = importedPositive;

export const progressionRule: RuleDefinition = {
  id: 'response-progression',
  version: '2006',
  title: 'Progressive disease: ≥ 25 % rise from the nadir with absolute minimums, new lesions, hypercalcaemia',
  specSection: '§1.4',
  source:
    'Durie BGM, et al. Leukemia 2006;20:1467–73, Table 6; Kyle RA, Rajkumar SV. Leukemia 2009;23:3–9, Table 5; Kumar S, et al. Lancet Oncol 2016;17:e328–46',
  evidence: 'V',
};

export type ProgressionParameter =
  | 'serum'
  | 'urine'
  | 'flc'
  | 'marrow'
  | 'blood'
  | 'circulating-plasma-cells'
  | 'plasmacytoma'
  | 'bone-lesion'
  | 'calcium';

/**
 * One PD criterion met at an assessment. Its text is rendered on first read from values captured
 * when it was found (the nadir trackers move on afterwards).
 */
export class ProgressionFinding {
  readonly parameter: ProgressionParameter;
  /** Imaging findings need no confirmation (§1.2, §1.6 step 5). */
  readonly isImaging: boolean;
  #checks: readonly ThresholdCheck[] | null;
  readonly #makeChecks: (() => readonly ThresholdCheck[]) | null;
  readonly #render: () => string;
  #text: string | null = null;

  constructor(
    parameter: ProgressionParameter,
    detail: { readonly isImaging: boolean; readonly checks: readonly ThresholdCheck[] | null },
    // Separate arguments, not properties of `detail`: esbuild's keepNames (tsx) names a closure stored
    // under a property with a defineProperty call per closure made, which costs more than the finding.
    render: () => string,
    /** Makes the checks on first read when `detail.checks` is null (the common rises: few are read). */
    makeChecks: (() => readonly ThresholdCheck[]) | null = null,
  ) {
    this.parameter = parameter;
    this.isImaging = detail.isImaging;
    this.#checks = detail.checks;
    this.#makeChecks = makeChecks;
    this.#render = render;
  }

  get checks(): readonly ThresholdCheck[] {
    if (this.#checks === null) {
      if (this.#makeChecks === null)
        throw new RangeError('a progression finding needs its checks or a way to make them');
      this.#checks = this.#makeChecks();
    }
    return this.#checks;
  }

  get text(): string {
    this.#text ??= this.#render();
    return this.#text;
  }

  toJSON(): { parameter: ProgressionParameter; isImaging: boolean; checks: readonly ThresholdCheck[]; text: string } {
    return { parameter: this.parameter, isImaging: this.isImaging, checks: this.checks, text: this.text };
  }
}

/** One nadir tracker per parameter that can progress. */
export interface ProgressionNadirs {
  readonly serum: NadirTracker;
  readonly urine: NadirTracker;
  readonly flc: NadirTracker;
  readonly marrow: NadirTracker;
  readonly blood: NadirTracker;
  readonly circulatingPlasmaCells: NadirTracker;
  readonly plasmacytoma: NadirTracker;
}

export interface ProgressionInput {
  readonly values: TimepointValues;
  readonly measurable: MeasurableDisease;
  readonly nadirs: ProgressionNadirs;
}

const noFindings: readonly ProgressionFinding[] = [];

function append(
  findings: ProgressionFinding[] | null,
  finding: ProgressionFinding | null,
): ProgressionFinding[] | null {
  if (finding === null) return findings;
  if (findings === null) return [finding];
  findings.push(finding);
  return findings;
}

/** The PD criteria met at `input.values.date` (empty when none). */
export function assessProgression(criteria: ResolvedCriteria, input: ProgressionInput): readonly ProgressionFinding[] {
  const { values, measurable, nadirs } = input;
  const { definition, settings } = criteria;
  const relative = definition.progressionRelativeComparator;
  const anyMeasured = settings.progressionScope === 'any-measured-compartment';
  let findings: ProgressionFinding[] | null = null;

  // Each criterion needs a rise above its nadir; testing that first builds nothing for the usual fall.
  if (
    (measurable.serum || anyMeasured) &&
    !Number.isNaN(values.serumMProtein) &&
    !Number.isNaN(nadirs.serum.value) &&
    values.serumMProtein > nadirs.serum.value
  ) {
    findings = append(
      findings,
      serumProgression(values.serumMProtein, nadirs.serum, {
        relative,
        fiveGramRule: definition.serumFiveGramNadirRule,
      }),
    );
  }
  if (
    (measurable.urine || anyMeasured) &&
    !Number.isNaN(values.urineMProtein) &&
    !Number.isNaN(nadirs.urine.value) &&
    values.urineMProtein > nadirs.urine.value
  ) {
    findings = append(findings, relativeAndAbsolute(urineRise, values.urineMProtein, nadirs.urine, relative));
  }
  const flcApplies =
    definition.criteria === 'imwg2013-pcl' ? settings.pclFlcProgression : definition.usesFreeLightChains;
  if (
    flcApplies &&
    !measurable.serum &&
    !measurable.urine &&
    measurable.involvedLightChain !== null &&
    !Number.isNaN(values.flcKappa) &&
    !Number.isNaN(values.flcLambda) &&
    !Number.isNaN(nadirs.flc.value)
  ) {
    findings = append(
      findings,
      relativeAndAbsolute(
        freeLightChainRise,
        freeLightChainDifference(measurable.involvedLightChain, values.flcKappa, values.flcLambda),
        nadirs.flc,
        relative,
      ),
    );
  }
  const marrowInScope =
    definition.marrowProgression.scope === 'any-patient' || (!measurable.serum && !measurable.urine && !measurable.flc);
  if (
    marrowInScope &&
    !Number.isNaN(values.marrowPlasmaCells) &&
    !Number.isNaN(nadirs.marrow.value) &&
    values.marrowPlasmaCells > nadirs.marrow.value
  ) {
    findings = append(findings, marrowProgression(criteria, values.marrowPlasmaCells, nadirs.marrow));
  }
  if (
    definition.plasmaCellLeukaemiaCompartments &&
    !Number.isNaN(values.bloodPlasmaCells) &&
    !Number.isNaN(nadirs.blood.value)
  ) {
    findings = append(findings, bloodProgression(values.bloodPlasmaCells, nadirs.blood));
  }
  if (
    definition.circulatingPlasmaCellProgression &&
    !measurable.serum &&
    !measurable.urine &&
    !measurable.flc &&
    !Number.isNaN(values.bloodPlasmaCells) &&
    !Number.isNaN(values.whiteBloodCells) &&
    !Number.isNaN(nadirs.circulatingPlasmaCells.value)
  ) {
    findings = append(
      findings,
      relativeAndAbsolute(
        circulatingPlasmaCellRise,
        bloodPlasmaCellsPerMicrolitre(values.whiteBloodCells, values.bloodPlasmaCells),
        nadirs.circulatingPlasmaCells,
        '>=',
      ),
    );
  }
  if (
    !Number.isNaN(values.plasmacytomaSpd) &&
    !Number.isNaN(nadirs.plasmacytoma.value) &&
    values.plasmacytomaSpd > nadirs.plasmacytoma.value
  ) {
    findings = append(
      findings,
      plasmacytomaProgression(values.plasmacytomaSpd, nadirs.plasmacytoma, settings.plasmacytomaProgressionPercent),
    );
  }
  if (values.newBoneLesion === positive) findings = append(findings, newBoneLesion);
  if (definition.hypercalcaemiaIsProgression && !Number.isNaN(values.calcium)) {
    findings = append(findings, calciumProgression(values, criteria));
  }
  return findings ?? noFindings;
}

const newBoneLesion = new ProgressionFinding(
  'bone-lesion',
  {
    isImaging: true,
    checks: [],
  },
  () => 'new bone lesion on imaging',
);

function point(check: Omit<ThresholdCheck, 'isMet'>, isMet: boolean): ThresholdCheck {
  return {
    quantity: check.quantity,
    value: check.value,
    unit: check.unit,
    comparator: check.comparator,
    threshold: check.threshold,
    isMet,
  };
}

/** The nadir as it was when the finding was made: "nadir 0.2 g/dL (2006-05-01)". */
class NadirText {
  readonly #value: number;
  readonly #date: NadirTracker['date'];

  constructor(nadir: NadirTracker) {
    this.#value = nadir.value;
    this.#date = nadir.date;
  }

  in(unit: string): string {
    return describeNadirValue(this.#value, this.#date, unit);
  }
}

/** "nadir 0.2 g/dL (2006-05-01)". */
function describeNadirValue(value: number, date: NadirTracker['date'], unit: string): string {
  return `nadir ${formatNumber(value)}${unit === '%' ? '%' : ` ${unit}`} (${date})`;
}

function describeNadir(nadir: NadirTracker): NadirText {
  return new NadirText(nadir);
}

function bloodProgression(value: number, nadir: NadirTracker): ProgressionFinding | null {
  const increase = value - nadir.value;
  if (!isGreater(increase, 5)) return null;
  const nadirText = describeNadir(nadir);
  return new ProgressionFinding(
    'blood',
    {
      isImaging: false,
      checks: [
        point(
          {
            quantity: 'blood plasma cell increase from nadir',
            value: increase,
            unit: 'points',
            comparator: '>',
            threshold: 5,
          },
          true,
        ),
      ],
    },
    () =>
      `blood plasma cells ${formatNumber(value)}%, ${formatSignedChange(increase, 'points')} from ${nadirText.in('%')}: absolute increase > 5 points`,
  );
}

function serumProgression(
  value: number,
  nadir: NadirTracker,
  rules: { readonly relative: '>=' | '>'; readonly fiveGramRule: boolean },
): ProgressionFinding | null {
  const increase = value - nadir.value;
  if (!(increase > 0)) return null;
  if (rules.fiveGramRule && isAtLeast(nadir.value, 5)) {
    if (!isAtLeast(increase, 1)) return null;
    const nadirText = describeNadir(nadir);
    return new ProgressionFinding(
      'serum',
      {
        isImaging: false,
        checks: [
          point(
            { quantity: 'serum M-protein nadir', value: nadir.value, unit: 'g/dL', comparator: '>=', threshold: 5 },
            true,
          ),
          point(
            {
              quantity: 'serum M-protein increase from nadir',
              value: increase,
              unit: 'g/dL',
              comparator: '>=',
              threshold: 1,
            },
            true,
          ),
        ],
      },
      () =>
        `serum M-protein ${formatNumber(value)} g/dL, ${formatSignedChange(increase, 'g/dL')} from ${nadirText.in('g/dL')}: nadir ≥ 5 g/dL, so an increase ≥ 1 g/dL suffices`,
    );
  }
  return relativeAndAbsolute(serumRise, value, nadir, rules.relative);
}

/** A rise from the nadir judged by a relative and an absolute clause: what stays the same per measure. */
interface RelativeAndAbsolute {
  readonly parameter: ProgressionParameter;
  readonly name: string;
  /** "<name> increase from nadir", a constant so that no string is built per finding. */
  readonly quantity: string;
  readonly unit: string;
  readonly relativePercent: number;
  readonly absolute: { readonly comparator: '>=' | '>'; readonly threshold: number };
}

// The measures of §1.4 judged as a relative and absolute rise (module constants: nothing is made per
// assessment unless a finding is met).
const serumRise: RelativeAndAbsolute = {
  parameter: 'serum',
  name: 'serum M-protein',
  quantity: 'serum M-protein increase from nadir',
  unit: 'g/dL',
  relativePercent: 25,
  absolute: { comparator: '>=', threshold: 0.5 },
};
const urineRise: RelativeAndAbsolute = {
  parameter: 'urine',
  name: 'urine M-protein',
  quantity: 'urine M-protein increase from nadir',
  unit: 'mg/24h',
  relativePercent: 25,
  absolute: { comparator: '>=', threshold: 200 },
};
const freeLightChainRise: RelativeAndAbsolute = {
  parameter: 'flc',
  name: 'dFLC',
  quantity: 'dFLC increase from nadir',
  unit: 'mg/dL',
  relativePercent: 25,
  absolute: { comparator: '>', threshold: 10 },
};
const circulatingPlasmaCellRise: RelativeAndAbsolute = {
  parameter: 'circulating-plasma-cells',
  name: 'circulating plasma cells',
  quantity: 'circulating plasma cells increase from nadir',
  unit: 'cells/µL',
  relativePercent: 50,
  absolute: { comparator: '>=', threshold: 200 },
};

/** "≥ 25 % and ≥ X" from the nadir; a nadir of 0 leaves only the absolute clause (§1.4 [IMPL]). */
function relativeAndAbsolute(
  rule: RelativeAndAbsolute,
  value: number,
  nadir: NadirTracker,
  relative: '>=' | '>',
): ProgressionFinding | null {
  const { absolute } = rule;
  const percent = rule.relativePercent;
  const increase = value - nadir.value;
  if (!(increase > 0)) return null;
  const isZeroNadir = nadir.value <= 0;
  const change = isZeroNadir ? Number.NaN : (increase / nadir.value) * 100;
  const isRelativeMet = isZeroNadir || compare(change, relative, percent);
  const isAbsoluteMet = compare(increase, absolute.comparator, absolute.threshold);
  if (!isRelativeMet || !isAbsoluteMet) return null;
  // The nadir as it is now (the tracker moves on), and the checks and text made when first read: a
  // rising patient has a finding at every later assessment, and few are read.
  const nadirValue = nadir.value;
  const nadirDate = nadir.date;
  return new ProgressionFinding(
    rule.parameter,
    { isImaging: false, checks: null },
    () => {
      const relativeText = isZeroNadir
        ? `nadir 0, so any rise meets the ${percent}% clause`
        : `${comparatorSign(relative)} ${percent}%`;
      const changeText = isZeroNadir ? '' : ` (${formatSignedPercent(change)})`;
      return `${rule.name} ${formatNumber(value)} ${rule.unit}, ${formatSignedChange(increase, rule.unit)}${changeText} from ${describeNadirValue(nadirValue, nadirDate, rule.unit)}: ${relativeText} and ${comparatorSign(absolute.comparator)} ${formatNumber(absolute.threshold)} ${rule.unit}`;
    },
    () => {
      const quantity = rule.quantity;
      const absoluteCheck = point(
        { quantity, value: increase, unit: rule.unit, comparator: absolute.comparator, threshold: absolute.threshold },
        true,
      );
      return isZeroNadir
        ? [absoluteCheck]
        : [
            point({ quantity, value: change, unit: '%', comparator: relative, threshold: percent }, true),
            absoluteCheck,
          ];
    },
  );
}

function marrowProgression(criteria: ResolvedCriteria, value: number, nadir: NadirTracker): ProgressionFinding | null {
  const increase = value - nadir.value;
  if (!(increase > 0)) return null;
  const relative = criteria.definition.marrowProgression.relativeComparator;
  const isZeroNadir = nadir.value <= 0;
  const change = isZeroNadir ? Number.NaN : (increase / nadir.value) * 100;
  const isRelativeMet = isZeroNadir || compare(change, relative, 25);
  const isValueReading = criteria.marrowReading === 'value-at-least-10';
  const isAbsoluteMet = isValueReading ? isAtLeast(value, 10) : isAtLeast(increase, 10);
  const combine = criteria.marrowCombine;
  if (!(combine === 'both' ? isRelativeMet && isAbsoluteMet : isRelativeMet || isAbsoluteMet)) return null;
  const checks: ThresholdCheck[] = [];
  if (!isZeroNadir) {
    checks.push(
      point(
        {
          quantity: 'marrow plasma cell increase from nadir',
          value: change,
          unit: '%',
          comparator: relative,
          threshold: 25,
        },
        isRelativeMet,
      ),
    );
  }
  checks.push(
    isValueReading
      ? point({ quantity: 'marrow plasma cells', value, unit: '%', comparator: '>=', threshold: 10 }, isAbsoluteMet)
      : point(
          {
            quantity: 'marrow plasma cell increase from nadir',
            value: increase,
            unit: 'points',
            comparator: '>=',
            threshold: 10,
          },
          isAbsoluteMet,
        ),
  );
  const nadirText = describeNadir(nadir);
  return new ProgressionFinding(
    'marrow',
    {
      isImaging: false,
      checks,
    },
    () => {
      const relativeText = isZeroNadir
        ? 'nadir 0, so any rise meets the 25% clause'
        : `${comparatorSign(relative)} 25%`;
      const absoluteText = isValueReading ? 'new value ≥ 10%' : 'absolute increase ≥ 10 points';
      const changeText = isZeroNadir ? '' : ` (${formatSignedPercent(change)})`;
      return `bone marrow plasma cells ${formatNumber(value)}%, ${formatSignedChange(increase, 'points')}${changeText} from ${nadirText.in('%')}: ${relativeText} ${combine === 'both' ? 'and' : 'or'} ${absoluteText}`;
    },
  );
}

function plasmacytomaProgression(value: number, nadir: NadirTracker, percent: number): ProgressionFinding | null {
  const increase = value - nadir.value;
  if (!(increase > 0)) return null;
  const nadirText = describeNadir(nadir);
  if (nadir.value <= 0) {
    return new ProgressionFinding(
      'plasmacytoma',
      {
        isImaging: true,
        checks: [point({ quantity: 'plasmacytoma SPD', value, unit: 'cm2', comparator: '>', threshold: 0 }, true)],
      },
      () => `new plasmacytoma: SPD ${formatNumber(value)} cm2 after ${nadirText.in('cm2')}`,
    );
  }
  const change = (increase / nadir.value) * 100;
  if (!isAtLeast(change, percent)) return null;
  return new ProgressionFinding(
    'plasmacytoma',
    {
      isImaging: true,
      checks: [
        point(
          {
            quantity: 'plasmacytoma SPD increase from nadir',
            value: change,
            unit: '%',
            comparator: '>=',
            threshold: percent,
          },
          true,
        ),
      ],
    },
    () =>
      `plasmacytoma SPD ${formatNumber(value)} cm2, ${formatSignedPercent(change)} from ${nadirText.in('cm2')}: increase ≥ ${percent}%`,
  );
}

function calciumProgression(values: TimepointValues, criteria: ResolvedCriteria): ProgressionFinding | null {
  const { settings } = criteria;
  const isCorrecting = settings.correctCalciumForAlbumin;
  const reference = settings.albuminReferenceGPerDl;
  const measured = values.calcium;
  const albumin = values.albumin;
  const corrected = isCorrecting
    ? correctCalciumForProgression(measured, albumin, reference)
    : { valueMgPerDl: measured, isCorrected: false };
  if (!isGreater(corrected.valueMgPerDl, hypercalcaemiaMgPerDl)) return null;
  return new ProgressionFinding(
    'calcium',
    {
      isImaging: false,
      checks: [
        point(
          {
            quantity: 'corrected calcium',
            value: corrected.valueMgPerDl,
            unit: 'mg/dL',
            comparator: '>',
            threshold: hypercalcaemiaMgPerDl,
          },
          true,
        ),
      ],
    },
    () => {
      const how = corrected.isCorrected
        ? `corrected calcium ${formatNumber(corrected.valueMgPerDl)} mg/dL (measured ${formatNumber(measured)} mg/dL, albumin ${formatNumber(albumin)} g/dL; Ca + 0.8 × (${formatNumber(reference)} − albumin))`
        : `calcium ${formatNumber(measured)} mg/dL (${isCorrecting ? 'no same-day albumin, uncorrected' : 'correction switched off'})`;
      return `${how} > ${hypercalcaemiaMgPerDl} mg/dL (hypercalcaemia; attribution to myeloma is the clinician's call)`;
    },
  );
}
