/** Named cohorts for tests: the reference study as shipped in examples/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStudyFile } from '@mmreg/contracts';
import type { Study } from '@mmreg/core';
import { repositoryRoot } from './golden.ts';

export const musto2007StudyPath = join(repositoryRoot, 'examples', 'musto2007', 'study.json');

/** The 12 Musto 2007 patients, 7 historical series and 27 claims from examples/musto2007/study.json. */
export function loadMusto2007Study(): Study {
  const parsed = parseStudyFile(readFileSync(musto2007StudyPath, 'utf8'), musto2007StudyPath);
  if (!parsed.ok) throw new Error(`examples/musto2007/study.json is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}
