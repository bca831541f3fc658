import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import {
  convertMusto2007Source,
  type Musto2007SourceTexts,
  musto2007Files,
  parseOtherToxicities,
} from './musto2007-source.ts';

const sourceDir = join(repositoryRoot, 'examples', 'musto2007', 'source');
const readSources = (): Musto2007SourceTexts => ({
  patients: readFileSync(join(sourceDir, musto2007Files.patients), 'utf8'),
  treatment: readFileSync(join(sourceDir, musto2007Files.treatment), 'utf8'),
  literature: readFileSync(join(sourceDir, musto2007Files.literature), 'utf8'),
  claims: readFileSync(join(sourceDir, musto2007Files.claims), 'utf8'),
});

/** Replaces one cell (by column name) on one data line of a CSV text. */
function editCell(text: string, line: number, column: string, value: string): string {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split(',');
  const cells = (lines[line - 1] ?? '').split(',');
  cells[header.indexOf(column)] = value;
  lines[line - 1] = cells.join(',');
  return lines.join('\n');
}

describe('convertMusto2007Source', () => {
  it('builds 12 patients, 7 historical series and 27 claims when given the published tables', () => {
    const result = convertMusto2007Source(readSources());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const study = result.value;
    expect(study.patients).toHaveLength(12);
    expect(study.historicalSeries).toHaveLength(7);
    expect(study.claims).toHaveLength(27);
    const twelve = study.patients[11];
    expect(twelve?.code).toBe('MU-12');
    expect(twelve?.progression).toEqual({ kind: 'primary-refractory' });
    expect(twelve?.priorTherapies.map((therapy) => therapy.label)).toEqual(['VAD', 'ASCT', 'Thal-Dex']);
    const one = study.patients[0];
    expect(one?.toxicity.other).toEqual([
      { term: 'rash', grade: { kind: 'range', min: 1, max: 2 } },
      { term: 'nausea', grade: { kind: 'range', min: 1, max: 2 } },
      { term: 'diarrhoea', grade: { kind: 'range', min: 1, max: 2 } },
    ]);
    expect(study.patients[10]?.monoclonalProtein).toEqual({ kind: 'non-secretory' });
    expect(study.patients[10]?.course.doseMgPerM2).toBe(1.5);
  });

  it('reports file, line and column and builds nothing when a cell is invalid', () => {
    const sources = readSources();
    const result = convertMusto2007Source({
      ...sources,
      patients: editCell(sources.patients, 4, 'age_years', 'sixty'),
      treatment: editCell(sources.treatment, 13, 'pfs_months', '4'),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        file: 'patients.csv',
        line: 4,
        column: 'age_years',
        message: 'expected age in years as a whole number from 18 to 110; got "sixty"',
      },
      {
        file: 'treatment_outcomes.csv',
        line: 13,
        column: 'pfs_months',
        message: 'a primary refractory patient has no PFS time in the table: expected NA',
      },
    ]);
  });

  it('refuses an unknown regimen instead of guessing its agents', () => {
    const sources = readSources();
    const result = convertMusto2007Source({
      ...sources,
      patients: editCell(sources.patients, 2, 'previous_treatments', 'VAD/XYZ'),
    });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
      [2, 'previous_treatments', expect.stringContaining('unknown regimen "XYZ"')],
    ]);
  });

  it('reports a missing column and a duplicate patient when the tables are malformed', () => {
    const sources = readSources();
    const noKaryotype = sources.patients
      .split('\n')
      .map((line) => line.split(',').slice(0, -1).join(','))
      .join('\n');
    const duplicated = `${sources.treatment.trimEnd()}\n${sources.treatment.split('\n')[1]}\n`;
    const result = convertMusto2007Source({ ...sources, patients: noKaryotype, treatment: duplicated });
    expect(result.ok ? [] : result.issues.map((issue) => `${issue.file}:${issue.line}:${issue.column}`)).toEqual([
      'patients.csv:1:karyotype',
      'treatment_outcomes.csv:14:patient',
    ]);
  });

  it('reports a contradiction between OS status and the status at last follow-up', () => {
    const sources = readSources();
    const result = convertMusto2007Source({
      ...sources,
      treatment: editCell(sources.treatment, 2, 'os_status', 'alive'),
    });
    expect(result.ok ? [] : result.issues).toEqual([
      {
        file: 'treatment_outcomes.csv',
        line: 2,
        column: 'disease_status_at_last_follow_up',
        message: '"dead" contradicts os_status "alive"',
      },
    ]);
  });

  it('reports an empty file when a source is empty', () => {
    const result = convertMusto2007Source({ ...readSources(), claims: '' });
    expect(result.ok ? [] : result.issues).toEqual([
      { file: 'claims.csv', line: null, column: null, message: 'the file is empty' },
    ]);
  });
});

describe('parseOtherToxicities', () => {
  it.each([
    ['none', []],
    ['nausea (grade 2)', [{ term: 'nausea', grade: { kind: 'exact', grade: 2 } }]],
    ['diarrhea (grade 1)', [{ term: 'diarrhoea', grade: { kind: 'exact', grade: 1 } }]],
  ])('parses "%s" when printed as in Table 2', (text, expected) => {
    expect(parseOtherToxicities(text)).toEqual(expected);
  });

  it('explains what it expected when the wording is unknown', () => {
    expect(parseOtherToxicities('fatigue (grade 2)')).toContain('unknown toxicity term "fatigue"');
    expect(parseOtherToxicities('nausea grade 2')).toContain('expected "none"');
  });
});
