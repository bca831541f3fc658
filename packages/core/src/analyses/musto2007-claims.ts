/**
 * The computations behind each quantitative claim of Musto et al. 2007 (shared claims.csv ids
 * C01–C27). Each returns the value the data give, a verdict reached by comparing numbers at the
 * printed precision, and an explanation. Nothing here types in a verdict: a claim is "discrepant"
 * only when the recomputed number does not print as the published one.
 */
import { isAtLeast, isObjectiveResponse, type Patient, type PublishedClaim, type Study } from '../domain/index.ts';
import { sampleMean, sampleMedian } from '../stats/index.ts';
import {
  type ClaimOutcome,
  compareWithReported,
  formatPlainNumber as fmt,
  parseReportedNumbers,
  printedDecimals,
} from './claim-check.ts';
import type { LiteratureComparison } from './literature-comparison.ts';
import { hasPriorAgent, hasPriorAutologousTransplant, type PatientCharacteristics } from './patient-characteristics.ts';
import type { ResponseSummary } from './response-summary.ts';
import type { SurvivalGroup, SurvivalSummary } from './survival-types.ts';
import type { ToxicityOverview } from './toxicity-summary.ts';
import { maximumGrade } from './treatment-outcomes.ts';

export interface ClaimContext {
  readonly study: Study;
  readonly characteristics: PatientCharacteristics;
  readonly response: ResponseSummary;
  readonly survival: SurvivalSummary;
  readonly toxicity: ToxicityOverview;
  readonly literature: LiteratureComparison | null;
}

type Checker = (context: ClaimContext, claim: PublishedClaim) => ClaimOutcome;

const percent = (value: number, decimals = 1) => `${fmt(100 * value, decimals)}%`;
const count = (patients: readonly Patient[], predicate: (patient: Patient) => boolean) =>
  patients.filter(predicate).length;
const range = (values: readonly number[]) => [Math.min(...values), Math.max(...values)] as const;

/** A claim whose numbers are all recomputed: reproduced when each prints as published. */
function numeric(
  claim: PublishedClaim,
  computed: readonly number[],
  computedText: string,
  explanation: string,
): ClaimOutcome {
  const agrees = compareWithReported(claim.reported, computed);
  return {
    computed: computedText,
    verdict: agrees ? 'reproduced' : 'discrepant',
    explanation: agrees ? explanation : `The data give ${computedText}, not ${claim.reported}. ${explanation}`,
  };
}

function describeMedian(group: SurvivalGroup): string {
  const value = (v: number | null) => (v === null ? 'NR' : fmt(v));
  return `${value(group.median)} (95% CI ${value(group.lower)}–${value(group.upper)})`;
}

/** Explains a printed "median" by trying the statistics it might really be. */
function explainPrintedCentre(values: readonly number[], printed: number, decimals: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sampleMedian(values) ?? Number.NaN;
  const mean = sampleMean(values) ?? Number.NaN;
  const lowerMiddle = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  const near = (value: number) => Math.abs(value - printed) <= 0.5 * 10 ** -decimals + 1e-9;
  const parts = [`The median of the ${values.length} values is ${fmt(median)}`];
  if (sorted.length % 2 === 0) {
    parts.push(
      `(n is even: the mean of the ${sorted.length / 2}th and ${sorted.length / 2 + 1}th ordered values, ${fmt(lowerMiddle)} and ${fmt(sorted[sorted.length / 2] ?? Number.NaN)})`,
    );
  }
  if (near(mean) && !near(median)) parts.push(`; the printed ${printed} is the mean (${fmt(mean, 3)}), not the median`);
  else if (near(lowerMiddle) && !near(median))
    parts.push(`; the printed ${printed} is the lower of the two middle values, not the median`);
  return `${parts.join(' ')}.`;
}

function explainFirstPrinted(values: readonly number[], claim: PublishedClaim): string {
  return explainPrintedCentre(
    values,
    parseReportedNumbers(claim.reported)[0] ?? Number.NaN,
    printedDecimals(claim.reported)[0] ?? 0,
  );
}

export const musto2007ClaimCheckers: Readonly<Record<string, Checker>> = {
  C01: ({ study }, claim) =>
    numeric(claim, [study.patients.length], String(study.patients.length), 'Rows in Tables 1 and 2.'),

  C02: ({ study }, claim) => {
    const men = count(study.patients, (p) => p.sex === 'male');
    const women = count(study.patients, (p) => p.sex === 'female');
    return numeric(claim, [men, women], `${men} / ${women}`, 'Sex column of Table 1.');
  },

  C03: ({ study }, claim) => {
    const ages = study.patients.map((p) => p.ageYears);
    const median = sampleMedian(ages) ?? Number.NaN;
    const [low, high] = range(ages);
    const text = `${fmt(median)} (${low}–${high}); mean ${fmt(sampleMean(ages) ?? Number.NaN, 2)}`;
    const outcome = numeric(claim, [median, low, high], text, '');
    return { ...outcome, explanation: `${explainFirstPrinted(ages, claim)} The range ${low}–${high} agrees.` };
  },

  C04: ({ study }, claim) => {
    const primary = count(study.patients, (p) => p.pclType === 'primary');
    return numeric(
      claim,
      [primary, study.patients.length - primary],
      `${primary} / ${study.patients.length - primary}`,
      'PCL type column of Table 1.',
    );
  },

  C05: ({ study }, claim) => {
    const treated = count(study.patients, (p) => p.priorTherapies.length > 0);
    const asct = count(study.patients, hasPriorAutologousTransplant);
    const thalidomide = count(study.patients, (p) => hasPriorAgent(p, 'thalidomide'));
    const frontline = study.patients.length - treated;
    return numeric(
      claim,
      [treated, asct, thalidomide, frontline],
      `${treated}; ${asct}; ${thalidomide}; ${frontline}`,
      'Prior regimens of Table 1; thalidomide counted in Thal, Thal-Dex, MPT and MPTV.',
    );
  },

  C06: ({ characteristics }, claim) => {
    const counts = characteristics.rows.map((row) => row.pcl.absolutePlasmaCellsPer1e9L);
    const [low, high] = range(counts);
    return numeric(
      claim,
      [low, high],
      `${fmt(low, 1)}–${fmt(high, 1)}`,
      'Absolute count = WBC × PB plasma cells % / 100, per patient of Table 1.',
    );
  },

  C07: ({ study }, claim) => {
    const renal = count(study.patients, (p) => p.diagnosis.creatinine.isAbnormal);
    return numeric(
      claim,
      [renal],
      String(renal),
      'Patients flagged with abnormal creatinine in Table 1 (values are not attributed).',
    );
  },

  C08: ({ study }, claim) => {
    const sites = study.patients.flatMap((p) =>
      p.extramedullaryDisease.present ? [p.extramedullaryDisease.sites.join(', ')] : [],
    );
    return numeric(claim, [sites.length], String(sites.length), `Sites: ${sites.join('; ')}.`);
  },

  C09: ({ study }, claim) => {
    const karyotyped = study.patients.filter((p) => p.karyotype !== 'not-done');
    const del13 = count(karyotyped, (p) => p.karyotype === 'del13');
    return numeric(
      claim,
      [del13, karyotyped.length],
      `${del13} of ${karyotyped.length}`,
      'Karyotype column of Table 1.',
    );
  },

  C10: ({ study }, claim) => {
    const higher = count(study.patients, (p) => p.course.doseMgPerM2 === 1.5);
    return numeric(claim, [higher], String(higher), 'Bortezomib dose column of Table 2.');
  },

  C11: ({ study }, claim) => {
    const single = count(study.patients, (p) => p.course.associatedRegimen === null);
    return numeric(
      claim,
      [single, study.patients.length - single],
      `${single} / ${study.patients.length - single}`,
      'Associated drugs column of Table 2.',
    );
  },

  C12: ({ study }, claim) => {
    const cycles = study.patients.map((p) => p.course.cycles);
    const median = sampleMedian(cycles) ?? Number.NaN;
    const [low, high] = range(cycles);
    const outcome = numeric(claim, [median, low, high], `${fmt(median)} (${low}–${high})`, '');
    return { ...outcome, explanation: `${explainFirstPrinted(cycles, claim)} The range ${low}–${high} agrees.` };
  },

  C13: ({ response }, claim) => {
    const { counts, overallResponse: orr } = response;
    const text = `${counts.PR}, ${counts.VGPR}, ${counts.CR}; ${percent(orr.estimate)}`;
    return numeric(
      claim,
      [counts.PR, counts.VGPR, counts.CR, 100 * orr.estimate],
      text,
      `ORR ${orr.count}/${orr.n} = ${percent(orr.estimate)} (exact 95% CI ${percent(orr.lower)}–${percent(orr.upper)}). The paper's wording "reduction of >50%" predates the ≥50% of the IMWG criteria it cites.`,
    );
  },

  C14: ({ study }, claim) => {
    const transplanted = study.patients.filter((p) => p.course.followedByAutologousTransplant);
    const responders = count(transplanted, (p) => isObjectiveResponse(p.bestResponse));
    return numeric(
      claim,
      [transplanted.length],
      String(transplanted.length),
      `All ${transplanted.length} had responded (${responders} responders: ${transplanted.map((p) => `${p.code} ${p.bestResponse}`).join(', ')}).`,
    );
  },

  C15: ({ survival }, claim) => {
    const pfs = survival.pfs.all;
    const os = survival.os.all;
    if (pfs.median === null || os.median === null) {
      return {
        computed: `PFS ${describeMedian(pfs)} / OS ${describeMedian(os)}`,
        verdict: 'discrepant',
        explanation: 'A median is not reached in the data.',
      };
    }
    const sensitivity = survival.pfsSensitivity
      .map((analysis) => `${describeMedianShort(analysis.all)} when ${conventionText(analysis)}`)
      .join('; ');
    return numeric(
      claim,
      [pfs.median, os.median],
      `${fmt(pfs.median)} / ${fmt(os.median)}`,
      `Kaplan–Meier: PFS ${describeMedian(pfs)}, OS ${describeMedian(os)} months (print.survfit median rule, log CI). PFS median ${sensitivity}.`,
    );
  },

  C16: ({ survival, study }, claim) => {
    const pfs = survival.pfs.primary;
    const os = survival.os.primary;
    const followUp = Math.max(...study.patients.filter((p) => p.pclType === 'primary').map((p) => p.survival.months));
    const reached = [pfs.median, os.median].filter((median) => median !== null);
    const isReproduced = reached.length === 0 && followUp === parseFloatOr(claim.reported, Number.NaN);
    return {
      computed: `PFS median ${describeMedian(pfs)}, OS median ${describeMedian(os)}; longest follow-up ${fmt(followUp)} months`,
      verdict: isReproduced ? 'reproduced' : 'discrepant',
      explanation: `Primary PCL (n = ${pfs.n}): ${plural(pfs.events, 'PFS event')} and ${plural(os.events, 'death')}; neither curve falls to 0.5, so both medians are not reached. The lower 95% limits are ${fmtOrNr(pfs.lower)} (PFS) and ${fmtOrNr(os.lower)} (OS) months.`,
    };
  },

  C17: ({ study }, claim) => {
    const alive = study.patients.filter((p) => p.survival.kind === 'censored');
    const [low, high] = range(alive.map((p) => p.survival.months));
    const deep = alive.filter((p) => p.lastFollowUp.kind === 'alive' && isAtLeast(p.lastFollowUp.disease, 'VGPR'));
    return numeric(
      claim,
      [alive.length, low, high, deep.length],
      `${alive.length} (${low}–${high}); ${deep.length}`,
      `Alive: ${alive.map((p) => p.code).join(', ')}; in VGPR or CR at last follow-up: ${deep.map((p) => p.code).join(', ')}.`,
    );
  },

  C18: ({ study }, claim) => {
    const dead = study.patients.filter((p) => p.survival.kind === 'death');
    const [low, high] = range(dead.map((p) => p.survival.months));
    const nonResponders = study.patients.filter((p) => !isObjectiveResponse(p.bestResponse));
    const includesAll = nonResponders.every((p) => dead.includes(p));
    const outcome = numeric(
      claim,
      [dead.length, low, high],
      `${dead.length} (${low}–${high}); ${includesAll ? 'yes' : 'no'}`,
      '',
    );
    const isReproduced = outcome.verdict === 'reproduced' && includesAll === /yes/i.test(claim.reported);
    return {
      computed: outcome.computed,
      verdict: isReproduced ? 'reproduced' : 'discrepant',
      explanation: `Deaths: ${dead.map((p) => `${p.code} at ${p.survival.months} months`).join(', ')}; the nonresponder (${nonResponders.map((p) => p.code).join(', ')}) is among them. Table 2 records death, not its cause; "of progressive disease" is the paper's statement.`,
    };
  },

  C19: ({ toxicity }, claim) => {
    const category = toxicityCategory(toxicity, 'hematologic');
    return numeric(
      claim,
      [category.grade3to4.count],
      String(category.grade3to4.count),
      `Patients by worst haematological grade 0/1/2/3/4: ${category.byGrade.join('/')}.`,
    );
  },

  C20: ({ toxicity }, claim) => {
    const category = toxicityCategory(toxicity, 'neurologic');
    return numeric(
      claim,
      [category.grade3.count],
      String(category.grade3.count),
      `Patients by worst neurological grade 0/1/2/3/4: ${category.byGrade.join('/')}.`,
    );
  },

  C21: ({ toxicity }, claim) => {
    const category = toxicityCategory(toxicity, 'infectious');
    return numeric(
      claim,
      [category.anyGrade.count],
      String(category.anyGrade.count),
      `Patients with an infection of any grade; grade 3: ${category.grade3.count}.`,
    );
  },

  C22: ({ study }, claim) => {
    const severe = study.patients.flatMap((p) =>
      p.toxicity.other.filter((event) => maximumGrade(event) >= 3).map((event) => `${p.code} ${event.term}`),
    );
    const highest = Math.max(0, ...study.patients.flatMap((p) => p.toxicity.other.map(maximumGrade)));
    const computed = severe.length === 0 ? 'none' : severe.join(', ');
    const isReproduced = (severe.length === 0) === /none/i.test(claim.reported);
    return {
      computed,
      verdict: isReproduced ? 'reproduced' : 'discrepant',
      explanation: `Highest grade of diarrhoea, nausea or rash: ${highest} (a printed "grade 1/2" counted at 2).`,
    };
  },

  C23: ({ study }, claim) => {
    const reduced = study.patients.filter((p) => p.course.hadDoseReduction);
    return numeric(
      claim,
      [reduced.length],
      String(reduced.length),
      `Dose reduced: ${reduced.map((p) => p.code).join(', ')}.`,
    );
  },

  C24: ({ study }, claim) => {
    const relapsed = study.patients.filter(hasPriorAutologousTransplant);
    const responders = count(relapsed, (p) => isObjectiveResponse(p.bestResponse));
    return numeric(
      claim,
      [responders, relapsed.length],
      `${responders} of ${relapsed.length}`,
      `Prior ASCT: ${relapsed.map((p) => `${p.code} ${p.bestResponse}`).join(', ')}.`,
    );
  },

  C25: ({ study }) => {
    const responders = study.patients.filter(
      (p) => isObjectiveResponse(p.bestResponse) && p.progression.kind !== 'primary-refractory',
    );
    const longest = responders.reduce<Patient | null>(
      (best, p) => (best === null || pfsMonths(p) > pfsMonths(best) ? p : best),
      null,
    );
    const matches =
      longest !== null && hasPriorAgent(longest, 'bortezomib') && longest.course.associatedRegimen === 'Doxo-Dex';
    return {
      computed:
        longest === null
          ? 'no responder'
          : `${longest.code}: PFS ${pfsMonths(longest)} months (${longest.progression.kind}), prior ${longest.priorTherapies.map((t) => t.label).join('/')}, with ${longest.course.associatedRegimen ?? 'no partner'}`,
      verdict: 'not-verifiable',
      explanation: `Response durations are not published, so "longest response" cannot be computed. By PFS, the nearest available measure, the longest is ${longest?.code ?? '—'}, ${matches ? 'the patient described (prior MPTV, bortezomib with doxorubicin–dexamethasone)' : 'not the patient described'}.`,
    };
  },

  C26: ({ literature }, claim) => {
    if (literature === null)
      return { computed: '', verdict: 'not-verifiable', explanation: 'No historical series in the study.' };
    const {
      totalPatients,
      unweightedMeanRate,
      patientWeightedMeanRate,
      randomEffects,
      medianOverallSurvival,
      pooledCounts,
    } = literature;
    const pooled = randomEffects.fit.proportion;
    const [, printedRate] = claim.reported.match(/(\d+)%/) ?? [];
    const rate = Number(printedRate);
    const asPooled = compareWithReported(`${rate}`, [100 * pooled.estimate]);
    const asMean = compareWithReported(`${rate}`, [100 * unweightedMeanRate]);
    const numbersAgree = compareWithReported(claim.reported, [
      totalPatients,
      100 * unweightedMeanRate,
      medianOverallSurvival.medianOfMedians,
    ]);
    return {
      computed: `${totalPatients}, ${percent(unweightedMeanRate)} (unweighted mean), ${percent(patientWeightedMeanRate)} (patient-weighted), ${percent(pooled.estimate)} (random effects), median OS ${fmt(medianOverallSurvival.medianOfMedians)} months (median of medians)`,
      verdict: numbersAgree && asPooled ? 'reproduced' : 'discrepant',
      explanation: `The printed ${rate}% ${asMean ? 'is the unweighted mean of the seven percentages' : 'is not the unweighted mean of the seven percentages'} (${percent(unweightedMeanRate, 2)}), which gives an 8-patient series the weight of a 27-patient one. Weighting by patients gives ${percent(patientWeightedMeanRate, 2)}; pooling the ${literature.totalResponders}/${totalPatients} reconstructed responders gives ${percent(pooledCounts.estimate)} (exact 95% CI ${percent(pooledCounts.lower)}–${percent(pooledCounts.upper)}); a random-effects meta-analysis (logit, DerSimonian–Laird) gives ${percent(pooled.estimate)} (95% CI ${percent(pooled.lower)}–${percent(pooled.upper)}, I² ${percent(randomEffects.fit.heterogeneity.i2)}). The median OS of 7 months is the median of the series' medians (their patient-weighted mean is ${fmt(medianOverallSurvival.patientWeightedMean, 1)}); medians without CIs cannot be pooled.`,
    };
  },

  C27: ({ response }) => {
    const del13 = response.subgroups.find((group) => group.key === 'del13');
    const combination = response.subgroups.find((group) => group.key === 'combination');
    if (del13 === undefined || combination === undefined)
      return { computed: '', verdict: 'not-verifiable', explanation: 'Subgroups unavailable.' };
    const describe = (group: typeof del13) =>
      `${group.groups.map((level) => `${level.label} ${level.responders}/${level.n}`).join(' vs ')} (Fisher p = ${fmt(group.fisherP, 3)})`;
    const noDifference = del13.fisherP >= 0.05 && combination.fisherP >= 0.05;
    return {
      computed: `${describe(del13)}; ${describe(combination)}`,
      verdict: noDifference ? 'reproduced' : 'discrepant',
      explanation: `No difference in response is seen by chromosome 13 status or by combination. With 7 karyotyped and 12 treated patients these tests cannot exclude a large effect: the data are consistent with the statement, but do not show that response is not influenced.`,
    };
  },
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function pfsMonths(patient: Patient): number {
  return patient.progression.kind === 'primary-refractory' ? 0 : patient.progression.months;
}

function toxicityCategory(toxicity: ToxicityOverview, key: 'hematologic' | 'neurologic' | 'infectious') {
  const category = toxicity.categories.find((entry) => entry.category === key);
  if (category === undefined) throw new Error(`toxicity category ${key} missing`);
  return category;
}

function fmtOrNr(value: number | null): string {
  return value === null ? 'not reached' : fmt(value);
}

function describeMedianShort(group: SurvivalGroup): string {
  return group.median === null ? 'not reached' : `${fmt(group.median)} months`;
}

function conventionText(analysis: SurvivalSummary['pfsSensitivity'][number]): string {
  const convention = analysis.convention;
  if (convention === null) return 'as recorded';
  return convention.kind === 'exclude'
    ? 'the primary-refractory patient is excluded'
    : `that patient's event is placed at ${convention.months} months`;
}

function parseFloatOr(text: string, fallback: number): number {
  const match = /\d+(?:\.\d+)?/.exec(text);
  return match === null ? fallback : Number(match[0]);
}
