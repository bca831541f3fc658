/**
 * The whole analysis of a study, as one result model: the tables, response, survival, toxicity,
 * literature comparison, the claim-by-claim check and the rules used. The CLI report, the server
 * and the dashboard all call this one function, so they cannot disagree.
 */
import type { Study } from '../domain/index.ts';
import { pclImwg2003Rule, pclImwg2021Rule, type RuleDefinition } from '../rules/index.ts';
import { type AnalysisConventions, defaultAnalysisConventions } from './analysis-conventions.ts';
import { type ClaimCheck, checkClaims } from './claim-check.ts';
import { compareWithLiterature, type LiteratureComparison } from './literature-comparison.ts';
import { musto2007ClaimCheckers } from './musto2007-claims.ts';
import { describePatientCharacteristics, type PatientCharacteristics } from './patient-characteristics.ts';
import { type ResponseSummary, summariseResponse } from './response-summary.ts';
import { analyseSurvival } from './survival-analysis.ts';
import type { SurvivalSummary } from './survival-types.ts';
import { summariseToxicity, type ToxicityOverview } from './toxicity-summary.ts';
import { describeTreatmentOutcomes, type TreatmentOutcomes } from './treatment-outcomes.ts';

export interface StudyAnalysis {
  readonly study: {
    readonly id: string;
    readonly title: string;
    readonly citation: string;
    readonly patients: number;
    readonly centers: number;
    readonly provenance: readonly string[];
  };
  readonly conventions: AnalysisConventions;
  readonly characteristics: PatientCharacteristics;
  readonly treatment: TreatmentOutcomes;
  readonly response: ResponseSummary;
  readonly survival: SurvivalSummary;
  readonly toxicity: ToxicityOverview;
  readonly literature: LiteratureComparison | null;
  readonly claims: readonly ClaimCheck[];
  /** The clinical rules applied by this analysis. */
  readonly rules: readonly RuleDefinition[];
}

/** Claim computations known per study id; studies without published claims get none. */
const claimCheckersByStudy = { musto2007: musto2007ClaimCheckers } as const;

export function analyseStudy(
  study: Study,
  conventions: AnalysisConventions = defaultAnalysisConventions,
): StudyAnalysis {
  if (study.patients.length === 0) throw new RangeError(`study ${study.id} has no patients`);
  const characteristics = describePatientCharacteristics(study);
  const treatment = describeTreatmentOutcomes(study);
  const response = summariseResponse(study, conventions.confLevel);
  const survival = analyseSurvival(study, conventions);
  const toxicity = summariseToxicity(study);
  const literature =
    study.historicalSeries.length === 0
      ? null
      : compareWithLiterature(
          study.historicalSeries,
          { responders: response.overallResponse.count, n: response.overallResponse.n },
          conventions.confLevel,
        );
  const checkers =
    study.id in claimCheckersByStudy ? claimCheckersByStudy[study.id as keyof typeof claimCheckersByStudy] : {};
  const claims = checkClaims(study.claims, checkers, {
    study,
    characteristics,
    response,
    survival,
    toxicity,
    literature,
  });
  return {
    study: {
      id: study.id,
      title: study.title,
      citation: study.citation,
      patients: study.patients.length,
      centers: study.centers.length,
      provenance: study.provenance,
    },
    conventions,
    characteristics,
    treatment,
    response,
    survival,
    toxicity,
    literature,
    claims,
    // Only the rules this analysis applies (Table 1's PCL criteria), for the report's methods.
    rules: [pclImwg2003Rule, pclImwg2021Rule],
  };
}
