/** Every clinical rule the system applies, so reports can print the rules and versions they used. */
import { pclImwg2003Rule, pclImwg2021Rule } from './pcl-classification.ts';
import type { RuleDefinition } from './rule.ts';

export const ruleRegistry: readonly RuleDefinition[] = [pclImwg2003Rule, pclImwg2021Rule];
