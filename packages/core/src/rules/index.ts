export * from './dosing/index.ts';
export * from './endpoints/index.ts';
export {
  classifyPlasmaCellLeukaemia,
  deriveAbsolutePlasmaCellCount,
  type PclClassification,
  type PclClassificationInput,
  type PclDefinitionResult,
  pclImwg2003Rule,
  pclImwg2021Rule,
} from './pcl-classification.ts';
export { classifyPclOrigin, type PclOrigin, type PclOriginInput, pclOriginRule } from './pcl-origin.ts';
export { ruleRegistry } from './registry.ts';
export * from './response/index.ts';
export {
  checkThreshold,
  describeCheck,
  type EvidenceLevel,
  type Explanation,
  type RuleDefinition,
  type ThresholdCheck,
} from './rule.ts';
export * from './toxicity/index.ts';
export * from './tumour-lysis/index.ts';
