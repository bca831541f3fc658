/**
 * The study as data: centres, patients with their diagnosis, prior therapy, bortezomib course,
 * outcome and toxicity, and the historical series a study is compared with. This is the shape a
 * published case series (Musto 2007) and a registry export both reduce to; it carries no names and
 * no full birth dates.
 */
import type { CenterId, PatientCode, StudyId } from './identifiers.ts';
import type { ResponseCategory } from './response-category.ts';

export type Sex = 'male' | 'female';
export type PclType = 'primary' | 'secondary';
export type CtcaeGrade = 0 | 1 | 2 | 3 | 4 | 5;

export interface Center {
  readonly id: CenterId;
  readonly name: string;
  readonly city: string;
}

/** Monoclonal protein at diagnosis; `heavyChain` null for light-chain-only disease. */
export type MonoclonalProtein =
  | {
      readonly kind: 'secretory';
      readonly heavyChain: 'IgG' | 'IgA' | 'IgD' | 'IgM' | null;
      readonly lightChain: 'kappa' | 'lambda';
    }
  | { readonly kind: 'non-secretory' };

export type ExtramedullaryDisease =
  | { readonly present: false }
  | { readonly present: true; readonly sites: readonly string[] };

export type Karyotype = 'normal' | 'del13' | 'not-done';

/** Serum creatinine at diagnosis: a value when known, otherwise only the normal/abnormal flag. */
export type CreatinineAtDiagnosis =
  | { readonly kind: 'measured'; readonly mgPerDl: number; readonly isAbnormal: boolean }
  | { readonly kind: 'flag-only'; readonly isAbnormal: boolean };

export interface DiagnosticLabs {
  /** Plasma cells as % of the peripheral-blood white cell differential. */
  readonly peripheralBloodPlasmaCellsPercent: number;
  readonly whiteBloodCellsPer1e9L: number;
  readonly hemoglobinGPerDl: number;
  readonly plateletsPer1e9L: number;
  readonly creatinine: CreatinineAtDiagnosis;
}

/** One prior line of therapy as printed (e.g. "VAD", "ASCT", "Thal-Dex") with its agents. */
export interface PriorTherapy {
  readonly label: string;
  readonly agents: readonly string[];
  readonly isAutologousTransplant: boolean;
}

export interface BortezomibCourse {
  readonly doseMgPerM2: number;
  readonly cycles: number;
  /** Regimen partner label as printed ("Thal-Dex", "Doxo-Dex", "Thal"); null for single agent. */
  readonly associatedRegimen: string | null;
  readonly associatedAgents: readonly string[];
  readonly hadDoseReduction: boolean;
  readonly followedByAutologousTransplant: boolean;
  readonly maintenance: string | null;
}

/** Progression-free survival as recorded, before any analysis convention is applied. */
export type ProgressionOutcome =
  | { readonly kind: 'progression'; readonly months: number }
  | { readonly kind: 'death'; readonly months: number }
  | {
      readonly kind: 'censored';
      readonly months: number;
      readonly reason: 'alive-without-progression' | 'last-assessment';
    }
  /** Never responded, progression at first evaluation with no date printed (Musto patient 12). */
  | { readonly kind: 'primary-refractory' };

export type SurvivalOutcome =
  | { readonly kind: 'death'; readonly months: number }
  | { readonly kind: 'censored'; readonly months: number; readonly reason: 'alive-at-last-follow-up' };

/** Disease status printed at last follow-up: a response category, or dead. */
export type LastFollowUpStatus =
  | { readonly kind: 'alive'; readonly disease: ResponseCategory }
  | { readonly kind: 'dead' };

export type ToxicityGrade =
  | { readonly kind: 'exact'; readonly grade: CtcaeGrade }
  /** Published as a range, e.g. "grade 1/2". */
  | { readonly kind: 'range'; readonly min: CtcaeGrade; readonly max: CtcaeGrade };

export interface OtherToxicity {
  readonly term: string;
  readonly grade: ToxicityGrade;
}

/** Worst CTCAE grade per category during the course (0 = none). */
export interface ToxicitySummary {
  readonly ctcaeVersion: 'v3.0' | 'v5.0';
  readonly hematologic: CtcaeGrade;
  readonly neurologic: CtcaeGrade;
  readonly infectious: CtcaeGrade;
  readonly other: readonly OtherToxicity[];
}

export interface Patient {
  readonly code: PatientCode;
  /** Null when the source does not say which centre treated the patient. */
  readonly centerId: CenterId | null;
  readonly sex: Sex;
  readonly ageYears: number;
  readonly pclType: PclType;
  readonly monoclonalProtein: MonoclonalProtein;
  readonly diagnosis: DiagnosticLabs;
  readonly extramedullaryDisease: ExtramedullaryDisease;
  readonly karyotype: Karyotype;
  readonly priorTherapies: readonly PriorTherapy[];
  readonly course: BortezomibCourse;
  readonly bestResponse: ResponseCategory;
  readonly progression: ProgressionOutcome;
  readonly survival: SurvivalOutcome;
  readonly lastFollowUp: LastFollowUpStatus;
  readonly toxicity: ToxicitySummary;
}

/** A published historical series: patients, response rate (as printed, in %) and median OS. */
export interface HistoricalSeries {
  readonly label: string;
  readonly year: number;
  readonly patients: number;
  readonly responseRatePercent: number;
  readonly medianOverallSurvivalMonths: number;
}

/** A quantitative statement made in the publication, to be checked against the data. */
export interface PublishedClaim {
  readonly id: string;
  readonly where: string;
  readonly claim: string;
  readonly reported: string;
}

export interface Study {
  readonly id: StudyId;
  readonly title: string;
  readonly citation: string;
  readonly centers: readonly Center[];
  readonly patients: readonly Patient[];
  readonly historicalSeries: readonly HistoricalSeries[];
  readonly claims: readonly PublishedClaim[];
  /** Free-text provenance: where the rows came from and what is not known. */
  readonly provenance: readonly string[];
}
