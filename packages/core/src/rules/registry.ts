/** Every clinical rule the system applies, so reports can print the rules and versions they used. */
import { dosingRules } from './dosing/index.ts';
import { endpointsRules } from './endpoints/index.ts';
import { pclImwg2003Rule, pclImwg2021Rule } from './pcl-classification.ts';
import { pclOriginRule } from './pcl-origin.ts';
import { responseRules } from './response/index.ts';
import type { RuleDefinition } from './rule.ts';
import { toxicityRules } from './toxicity/index.ts';
import { tumourLysisRules } from './tumour-lysis/index.ts';

export const ruleRegistry: readonly RuleDefinition[] = [
  pclImwg2003Rule,
  pclImwg2021Rule,
  pclOriginRule,
  ...dosingRules,
  ...endpointsRules,
  ...responseRules,
  ...toxicityRules,
  ...tumourLysisRules,
];
