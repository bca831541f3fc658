/** `mmreg import musto2007`: validates the published tables and writes the typed study file. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convertMusto2007Source, formatStudyFile, type Musto2007SourceTexts, musto2007Files } from '@mmreg/contracts';
import { CliError } from '../cli-error.ts';
import { installRoot, writeFileAtomic } from '../files.ts';

export const defaultMusto2007Source = join(installRoot, 'examples', 'musto2007', 'source');
export const defaultMusto2007Study = join(installRoot, 'examples', 'musto2007', 'study.json');

export interface ImportOptions {
  readonly from: string;
  readonly out: string;
  readonly dryRun: boolean;
}

export function readMusto2007Sources(directory: string): Musto2007SourceTexts {
  const read = (name: string) => {
    const path = join(directory, name);
    if (!existsSync(path))
      throw new CliError(`${path}: file not found (expected ${Object.values(musto2007Files).join(', ')})`);
    return readFileSync(path, 'utf8');
  };
  return {
    patients: read(musto2007Files.patients),
    treatment: read(musto2007Files.treatment),
    literature: read(musto2007Files.literature),
    claims: read(musto2007Files.claims),
  };
}

export function runImportMusto2007(options: ImportOptions): string {
  const result = convertMusto2007Source(readMusto2007Sources(resolve(options.from)));
  if (!result.ok) throw new CliError(`import of ${options.from} failed`, { issues: result.issues });
  const study = result.value;
  const text = formatStudyFile(study);
  const out = resolve(options.out);
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : null;
  const change = previous === null ? 'would create' : previous === text ? 'unchanged:' : 'would update';
  const summary = `${study.patients.length} patients, ${study.historicalSeries.length} historical series, ${study.claims.length} claims`;
  if (options.dryRun) return `dry run: ${change} ${out} (${summary})\n`;
  if (previous !== text) writeFileAtomic(out, text);
  return `${previous === text ? 'unchanged' : 'wrote'} ${out} (${summary})\n`;
}
