export {
  classifyPlasmaCellLeukaemia,
  deriveAbsolutePlasmaCellCount,
  type PclClassification,
  type PclClassificationInput,
  type PclDefinitionResult,
  pclImwg2003Rule,
  pclImwg2021Rule,
} from './pcl-classification.ts';
export { ruleRegistry } from './registry.ts';
export {
  checkThreshold,
  describeCheck,
  type EvidenceLevel,
  type Explanation,
  type RuleDefinition,
  type ThresholdCheck,
} from './rule.ts';
