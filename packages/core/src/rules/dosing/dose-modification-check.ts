/**
 * Protocol conformance of bortezomib dose modifications: given dated toxicity grades and the doses
 * given, reports doses given when they should have been withheld, not reduced, reduced more than
 * required, given after discontinuation, or (later label) more often than once weekly.
 * - §6.3 [V] (monotherapy, relapsed MM): withhold at onset of grade 4 haematological or grade ≥ 3
 *   non-haematological toxicity; when resolved, restart one level lower on the ladder 1.3 → 1.0 →
 *   0.7 mg/m² [IMPL ladder]; at 0.7 the label only advises considering discontinuation (a note).
 * - §6.4 neuropathy table: NCI-2003 / early label [V] (default, contemporaneous with Musto 2007) or
 *   the later label [P] (restart at 0.7 mg/m² once weekly); setting `neuropathyLabel` (§9 item 4).
 * [IMPL] choices, all settings or stated here: "resolved" = grade ≤ `resolvedAtOrBelowGrade` (1) of
 * the same term; a dose matches a level within `doseMatchToleranceMgPerM2` (0.05); toxicities dated
 * on a dosing day are taken as assessed before the dose; reductions are permanent (the label gives no
 * re-escalation); the restart level is one below the level permitted at onset. Not implemented: the
 * VMP rules (§6.3 [P], need platelet/ANC values per dosing day), the hepatic-impairment path (§6.1 [U])
 * and the EU option of 1.3 mg/m² once weekly for grade 1 with pain or grade 2 (§6.4 [U]).
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';
import { checkThreshold, type Explanation, type RuleDefinition, type ThresholdCheck } from '../rule.ts';
import { type BortezomibAdministration, sortBortezomibAdministrations } from './bortezomib-cycles.ts';
import { explainDosing, formatDoseLevel } from './dosing-explanation.ts';

export const haematologicalDoseModificationRule: RuleDefinition = {
  id: 'bortezomib-dose-modification-haematological',
  version: 'label-monotherapy',
  title:
    'Bortezomib: withhold for grade 4 haematological or grade ≥ 3 non-haematological toxicity, restart one level lower (1.3 → 1.0 → 0.7 mg/m²)',
  specSection: '§6.3',
  source: 'VELCADE (bortezomib) US label, dose modification, monotherapy in relapsed MM (clinical-spec.md §6.3)',
  evidence: 'V',
};

export const neuropathyDoseModificationNci2003Rule: RuleDefinition = {
  id: 'bortezomib-dose-modification-neuropathy-nci-2003',
  version: 'nci-2003',
  title: 'Bortezomib neuropathy dose modification, NCI 2003 / early label (1.0 mg/m²; withhold then 0.7; discontinue)',
  specSection: '§6.4',
  source: 'NCI 2003 bortezomib neuropathy algorithm (PMC1936263 table 1); early VELCADE label (clinical-spec.md §6.4)',
  evidence: 'V',
};

export const neuropathyDoseModificationLaterLabelRule: RuleDefinition = {
  id: 'bortezomib-dose-modification-neuropathy-later-label',
  version: 'later-label',
  title: 'Bortezomib neuropathy dose modification, later label (restart at 0.7 mg/m² once weekly)',
  specSection: '§6.4',
  source: 'later VELCADE labels as summarised in clinical-spec.md §6.4 and §9 item 4',
  evidence: 'P',
};

/** §6.4: the dose a grade 1-with-pain or grade 2 neuropathy reduces to, and the restart dose after a withhold. */
export const neuropathyReducedDoseMgPerM2 = 1.0;
export const neuropathyRestartDoseMgPerM2 = 0.7;
/** §6.3 [V]: withhold thresholds. */
export const haematologicalWithholdGrade = 4;
export const nonHaematologicalWithholdGrade = 3;

export type DosingToxicityCategory = 'haematological' | 'non-haematological' | 'peripheral-neuropathy';

/** One dated CTCAE grade of one toxicity term. Onset and resolution are tracked per category and term. */
export interface DosingToxicityObservation {
  readonly date: CalendarDate;
  readonly category: DosingToxicityCategory;
  /** e.g. "platelet count decreased", "peripheral sensory neuropathy". */
  readonly term: string;
  /** CTCAE grade, integer 0–5. */
  readonly grade: number;
  /** Neuropathic pain with the neuropathy (§6.4); ignored for other categories. */
  readonly hasNeuropathicPain?: boolean;
}

export type NeuropathyLabelVersion = 'nci-2003' | 'later-label';

export interface DoseModificationSettings {
  /** [IMPL] §6.4 ladder, highest first; must contain 1.0 and 0.7. Default [1.3, 1.0, 0.7]. */
  readonly doseLevelsMgPerM2: readonly number[];
  /** §9 item 4: default `nci-2003` (early label, contemporaneous with Musto 2007). */
  readonly neuropathyLabel: NeuropathyLabelVersion;
  /** [IMPL] a withheld toxicity is resolved at this grade or below; default 1. */
  readonly resolvedAtOrBelowGrade: number;
  /** [IMPL] a dose within this many mg/m² of a level counts as that level; default 0.05. */
  readonly doseMatchToleranceMgPerM2: number;
}

export const defaultDoseModificationSettings: DoseModificationSettings = {
  doseLevelsMgPerM2: [1.3, 1.0, 0.7],
  neuropathyLabel: 'nci-2003',
  resolvedAtOrBelowGrade: 1,
  doseMatchToleranceMgPerM2: 0.05,
};

export type NeuropathyDoseAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'reduce'; readonly doseMgPerM2: number }
  | { readonly kind: 'withhold-then-restart'; readonly doseMgPerM2: number; readonly isOnceWeekly: boolean }
  | { readonly kind: 'discontinue' };

export interface NeuropathyDoseRow {
  /** The §6.4 row, e.g. "grade 2 with pain or grade 3". */
  readonly row: string;
  readonly action: NeuropathyDoseAction;
}

/** The §6.4 row for a neuropathy grade with or without neuropathic pain; `RangeError` unless grade is 0–5. */
export function classifyNeuropathyDoseAction(
  grade: number,
  hasNeuropathicPain: boolean,
  label: NeuropathyLabelVersion = 'nci-2003',
): NeuropathyDoseRow {
  assertGrade(grade);
  if (grade === 0) return { row: 'no neuropathy', action: { kind: 'none' } };
  if (grade === 1 && !hasNeuropathicPain) return { row: 'grade 1 without pain', action: { kind: 'none' } };
  if (grade === 1 || (grade === 2 && !hasNeuropathicPain)) {
    return {
      row: 'grade 1 with pain or grade 2',
      action: { kind: 'reduce', doseMgPerM2: neuropathyReducedDoseMgPerM2 },
    };
  }
  if (grade === 2 || grade === 3) {
    return {
      row: 'grade 2 with pain or grade 3',
      action: {
        kind: 'withhold-then-restart',
        doseMgPerM2: neuropathyRestartDoseMgPerM2,
        isOnceWeekly: label === 'later-label',
      },
    };
  }
  return { row: grade === 4 ? 'grade 4' : 'grade 5', action: { kind: 'discontinue' } };
}

export type DoseRequirement =
  | { readonly kind: 'give'; readonly doseLevelMgPerM2: number; readonly because: string }
  | { readonly kind: 'withhold'; readonly because: string }
  | { readonly kind: 'discontinued'; readonly because: string };

export interface DoseConformance {
  readonly date: CalendarDate;
  readonly doseMgPerM2: number;
  readonly requirement: DoseRequirement;
  readonly isConforming: boolean;
}

export type DoseModificationFindingKind =
  | 'dose-given-while-withheld'
  | 'dose-above-permitted-level'
  | 'dose-reduced-more-than-required'
  | 'dose-after-discontinuation'
  | 'frequency-not-reduced'
  | 'discontinuation-to-consider';

export interface DoseModificationFinding {
  readonly kind: DoseModificationFindingKind;
  readonly severity: 'deviation' | 'note';
  readonly date: CalendarDate;
  readonly explanation: Explanation;
}

export interface DoseModificationInput {
  readonly administrations: readonly BortezomibAdministration[];
  readonly toxicities: readonly DosingToxicityObservation[];
}

export interface DoseModificationCheck {
  readonly doses: readonly DoseConformance[];
  readonly findings: readonly DoseModificationFinding[];
  /** True when no finding is a deviation. */
  readonly isConforming: boolean;
  readonly explanation: Explanation;
}

interface Withhold {
  readonly description: string;
  readonly restartIndex: number;
  readonly isOnceWeekly: boolean;
  readonly rule: RuleDefinition;
}

interface Permission {
  readonly index: number;
  readonly because: string;
  readonly rule: RuleDefinition;
}

export function checkDoseModifications(
  input: DoseModificationInput,
  settings: DoseModificationSettings = defaultDoseModificationSettings,
): DoseModificationCheck {
  const ladder = validateSettings(settings);
  const administrations = sortBortezomibAdministrations(input.administrations);
  const toxicities = [...input.toxicities].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
  for (const toxicity of toxicities) assertGrade(toxicity.grade);
  const state = new DoseModificationState(ladder, settings);
  let next = 0;
  for (const administration of administrations) {
    // Toxicities dated on a dosing day are taken as assessed before the dose [IMPL].
    while (next < toxicities.length && (toxicities[next]?.date ?? '') <= administration.date) {
      const toxicity = toxicities[next];
      if (toxicity !== undefined) state.observe(toxicity);
      next += 1;
    }
    state.dose(administration);
  }
  // Toxicities after the last dose still matter for the notes (e.g. consider discontinuation).
  for (; next < toxicities.length; next += 1) {
    const toxicity = toxicities[next];
    if (toxicity !== undefined) state.observe(toxicity);
  }
  const findings = state.findings;
  const deviations = findings.filter((finding) => finding.severity === 'deviation');
  const rule =
    settings.neuropathyLabel === 'nci-2003'
      ? neuropathyDoseModificationNci2003Rule
      : neuropathyDoseModificationLaterLabelRule;
  const ladderText = ladder.map((level) => formatDoseLevel(level)).join(' → ');
  return {
    doses: state.doses,
    findings,
    isConforming: deviations.length === 0,
    explanation: explainDosing(
      haematologicalDoseModificationRule,
      [],
      `${administrations.length} dose${administrations.length === 1 ? '' : 's'} checked against the dose-modification rules (ladder ${ladderText} mg/m², §6.3; neuropathy table of the ${rule.version} label, §6.4; resolved = grade ≤ ${settings.resolvedAtOrBelowGrade}): ${
        deviations.length === 0
          ? 'no deviation'
          : `${deviations.length} deviation${deviations.length === 1 ? '' : 's'}: ${deviations.map((finding) => finding.explanation.text).join('; ')}`
      }.`,
    ),
  };
}

class DoseModificationState {
  readonly doses: DoseConformance[] = [];
  readonly findings: DoseModificationFinding[] = [];
  private permission: Permission;
  private readonly withholds = new Map<string, Withhold>();
  private discontinuation: { readonly because: string; readonly rule: RuleDefinition } | null = null;
  private onceWeeklyBecause: string | null = null;
  private lastDoseDay: number | null = null;
  private readonly reducedIndex: number;
  private readonly restartIndex: number;
  private readonly neuropathyRule: RuleDefinition;
  private readonly ladder: readonly number[];
  private readonly settings: DoseModificationSettings;

  constructor(ladder: readonly number[], settings: DoseModificationSettings) {
    this.ladder = ladder;
    this.settings = settings;
    this.permission = {
      index: 0,
      because: `starting level of the ladder ${ladder.map((level) => formatDoseLevel(level)).join(' → ')} mg/m², §6.1`,
      rule: haematologicalDoseModificationRule,
    };
    this.reducedIndex = findLevel(ladder, neuropathyReducedDoseMgPerM2, settings.doseMatchToleranceMgPerM2);
    this.restartIndex = findLevel(ladder, neuropathyRestartDoseMgPerM2, settings.doseMatchToleranceMgPerM2);
    this.neuropathyRule =
      settings.neuropathyLabel === 'nci-2003'
        ? neuropathyDoseModificationNci2003Rule
        : neuropathyDoseModificationLaterLabelRule;
  }

  observe(toxicity: DosingToxicityObservation): void {
    const key = `${toxicity.category}\u0000${toxicity.term}`;
    const active = this.withholds.get(key);
    if (active !== undefined && toxicity.grade <= this.settings.resolvedAtOrBelowGrade) {
      this.withholds.delete(key);
      this.resolve(active, toxicity);
    }
    switch (toxicity.category) {
      case 'haematological':
      case 'non-haematological':
        this.observeGeneral(toxicity, key);
        return;
      case 'peripheral-neuropathy':
        this.observeNeuropathy(toxicity, key);
        return;
      default: {
        const unreachable: never = toxicity.category;
        throw new RangeError(`unknown toxicity category ${String(unreachable)}`);
      }
    }
  }

  private observeGeneral(toxicity: DosingToxicityObservation, key: string): void {
    const threshold =
      toxicity.category === 'haematological' ? haematologicalWithholdGrade : nonHaematologicalWithholdGrade;
    if (toxicity.grade < threshold || this.withholds.has(key)) return;
    const description = `grade ${toxicity.grade} ${toxicity.category} toxicity (${toxicity.term}) from ${toxicity.date}`;
    const lowest = this.ladder.length - 1;
    if (this.permission.index >= lowest) {
      this.findings.push({
        kind: 'discontinuation-to-consider',
        severity: 'note',
        date: toxicity.date,
        explanation: explainDosing(
          haematologicalDoseModificationRule,
          [],
          `${description} at the lowest dose level ${formatDoseLevel(this.level(lowest))} mg/m²: the label advises considering discontinuation (§6.3)`,
        ),
      });
    }
    this.withholds.set(key, {
      description,
      restartIndex: Math.min(this.permission.index + 1, lowest),
      isOnceWeekly: false,
      rule: haematologicalDoseModificationRule,
    });
  }

  private observeNeuropathy(toxicity: DosingToxicityObservation, key: string): void {
    const pain = toxicity.hasNeuropathicPain === true;
    const { row, action } = classifyNeuropathyDoseAction(toxicity.grade, pain, this.settings.neuropathyLabel);
    const description = `grade ${toxicity.grade} ${toxicity.term}${pain ? ' with neuropathic pain' : ''} on ${toxicity.date} (§6.4 row "${row}")`;
    switch (action.kind) {
      case 'none':
        return;
      case 'reduce':
        if (this.permission.index < this.reducedIndex) {
          this.permission = {
            index: this.reducedIndex,
            because: `${description} requires ${formatDoseLevel(action.doseMgPerM2)} mg/m², §6.4`,
            rule: this.neuropathyRule,
          };
        }
        return;
      case 'withhold-then-restart':
        if (!this.withholds.has(key)) {
          this.withholds.set(key, {
            description,
            restartIndex: Math.max(this.permission.index, this.restartIndex),
            isOnceWeekly: action.isOnceWeekly,
            rule: this.neuropathyRule,
          });
        }
        return;
      case 'discontinue':
        this.discontinuation ??= {
          because: `${description} requires discontinuation (§6.4)`,
          rule: this.neuropathyRule,
        };
        return;
      default: {
        const unreachable: never = action;
        throw new RangeError(`unknown neuropathy action ${String(unreachable)}`);
      }
    }
  }

  private resolve(withhold: Withhold, toxicity: DosingToxicityObservation): void {
    const section = withhold.rule === haematologicalDoseModificationRule ? '§6.3' : '§6.4';
    if (withhold.restartIndex > this.permission.index) {
      this.permission = {
        index: withhold.restartIndex,
        because: `restart at ${formatDoseLevel(this.level(withhold.restartIndex))} mg/m² after ${withhold.description} resolved to grade ${toxicity.grade} on ${toxicity.date}, ${section}`,
        rule: withhold.rule,
      };
    }
    if (withhold.isOnceWeekly) {
      this.onceWeeklyBecause = `after ${withhold.description} the later label restarts at ${formatDoseLevel(neuropathyRestartDoseMgPerM2)} mg/m² once weekly (§6.4 [P])`;
    }
  }

  dose(administration: BortezomibAdministration): void {
    const { date, doseMgPerM2 } = administration;
    const day = toDayNumber(date);
    const doseText = `dose ${formatDoseLevel(doseMgPerM2)} mg/m² on ${date}`;
    let requirement: DoseRequirement;
    let isConforming = true;
    if (this.discontinuation !== null) {
      requirement = { kind: 'discontinued', because: this.discontinuation.because };
      isConforming = false;
      this.deviation(
        'dose-after-discontinuation',
        date,
        this.discontinuation.rule,
        [],
        `${doseText} given after bortezomib should have been discontinued: ${this.discontinuation.because}`,
      );
    } else if (this.withholds.size > 0) {
      const active = [...this.withholds.values()];
      const because = `${active.map((withhold) => withhold.description).join('; ')}, not resolved to grade ≤ ${this.settings.resolvedAtOrBelowGrade}`;
      requirement = { kind: 'withhold', because };
      isConforming = false;
      const rule = active[0]?.rule ?? haematologicalDoseModificationRule;
      const section = rule === haematologicalDoseModificationRule ? '§6.3' : '§6.4';
      this.deviation(
        'dose-given-while-withheld',
        date,
        rule,
        [],
        `${doseText} given while bortezomib should be withheld: ${because} (${section})`,
      );
    } else {
      const level = this.level(this.permission.index);
      requirement = { kind: 'give', doseLevelMgPerM2: level, because: this.permission.because };
      const tolerance = this.settings.doseMatchToleranceMgPerM2;
      const ceiling = checkThreshold({
        quantity: 'dose given',
        value: doseMgPerM2,
        unit: 'mg/m²',
        comparator: '<=',
        threshold: level + tolerance,
      });
      const floor = checkThreshold({
        quantity: 'dose given',
        value: doseMgPerM2,
        unit: 'mg/m²',
        comparator: '>=',
        threshold: level - tolerance,
      });
      if (!ceiling.isMet) {
        isConforming = false;
        const verb = this.permission.index === 0 ? 'above the starting level' : 'not reduced';
        this.deviation(
          'dose-above-permitted-level',
          date,
          this.permission.rule,
          [ceiling],
          `${doseText} ${verb}: ${formatDoseLevel(level)} mg/m² permitted (${this.permission.because})`,
        );
      } else if (!floor.isMet) {
        isConforming = false;
        this.deviation(
          'dose-reduced-more-than-required',
          date,
          this.permission.rule,
          [floor],
          `${doseText} reduced more than required: ${formatDoseLevel(level)} mg/m² permitted (${this.permission.because})`,
        );
      }
      if (this.onceWeeklyBecause !== null && this.lastDoseDay !== null) {
        const interval = checkThreshold({
          quantity: 'days since the previous dose',
          value: day - this.lastDoseDay,
          unit: 'day',
          comparator: '>=',
          threshold: 7,
        });
        if (!interval.isMet) {
          isConforming = false;
          this.deviation(
            'frequency-not-reduced',
            date,
            neuropathyDoseModificationLaterLabelRule,
            [interval],
            `${doseText} only ${day - this.lastDoseDay} days after the previous dose: ${this.onceWeeklyBecause}`,
          );
        }
      }
    }
    this.doses.push({ date, doseMgPerM2, requirement, isConforming });
    this.lastDoseDay = day;
  }

  private deviation(
    kind: DoseModificationFindingKind,
    date: CalendarDate,
    rule: RuleDefinition,
    checks: readonly ThresholdCheck[],
    text: string,
  ): void {
    this.findings.push({ kind, severity: 'deviation', date, explanation: explainDosing(rule, checks, text) });
  }

  private level(index: number): number {
    return this.ladder[index] ?? Number.NaN;
  }
}

function findLevel(ladder: readonly number[], dose: number, tolerance: number): number {
  const index = ladder.findIndex((level) => Math.abs(level - dose) <= tolerance);
  if (index < 0) {
    throw new RangeError(`the dose ladder must contain ${formatDoseLevel(dose)} mg/m² for the §6.4 neuropathy rules`);
  }
  return index;
}

function validateSettings(settings: DoseModificationSettings): readonly number[] {
  const { doseLevelsMgPerM2: ladder, resolvedAtOrBelowGrade, doseMatchToleranceMgPerM2: tolerance } = settings;
  if (
    ladder.length === 0 ||
    ladder.some((level, index) => !(level > 0) || (index > 0 && level >= (ladder[index - 1] ?? 0)))
  ) {
    throw new RangeError(`doseLevelsMgPerM2 must be positive and strictly decreasing (got ${ladder.join(', ')})`);
  }
  if (!(Number.isInteger(resolvedAtOrBelowGrade) && resolvedAtOrBelowGrade >= 0 && resolvedAtOrBelowGrade <= 2)) {
    throw new RangeError(`resolvedAtOrBelowGrade must be 0, 1 or 2 (got ${resolvedAtOrBelowGrade})`);
  }
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new RangeError(`doseMatchToleranceMgPerM2 must be a non-negative number (got ${tolerance})`);
  }
  return ladder;
}

function assertGrade(grade: number): void {
  if (!(Number.isInteger(grade) && grade >= 0 && grade <= 5)) {
    throw new RangeError(`a CTCAE grade is an integer 0–5 (got ${grade})`);
  }
}
