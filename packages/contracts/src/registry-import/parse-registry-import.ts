/**
 * `parseRegistryImport`: turns the files of one registry import — long CSVs, an XLSX workbook, a
 * REDCap project, or a mix — into one validated `ImportBatch`, or into the complete list of
 * problems (file, line, column, reason) and nothing else. It reads no database: whether a patient
 * exists or a centre is writable is the store's decision when it writes the batch in one transaction.
 */
import type { ImportIssue, ImportResult } from '../import-issue.ts';
import type { ImportBatch } from '../registry/registry-schemas.ts';
import { BatchBuilder, type ImportCenter } from './batch-builder.ts';
import { type LongFileKind, longFileKindOf, longFileKinds, longTableLayout, readLongTable } from './long-files.ts';
import { isRedcapDictionaryHeader, readRedcapDictionary, readRedcapRecords } from './redcap-project.ts';
import {
  decodeUtf8,
  loadWorkbook,
  looksLikeZip,
  readCsvHeader,
  readCsvSource,
  readSheetSource,
} from './source-table.ts';

export interface RegistryImportFile {
  /** The name issues use (the path given on the command line, or the uploaded file's name). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface RegistryImportOptions {
  /** The centres of the study: patient forms name their centre by code, the batch carries its id. */
  readonly centers: readonly ImportCenter[];
  /**
   * The centre the import is for: the centre of patients whose row names none, and the only centre
   * a row may name (a row of another centre is an error).
   */
  readonly centerCode?: string | undefined;
}

const expectedFiles = `${longFileKinds.map((kind) => `${kind}.csv`).join(', ')}, an .xlsx workbook with sheets ${longFileKinds.join(', ')}, or a REDCap data dictionary with its record export`;

/**
 * Detects each file's format (by name and content), validates every row with the registry's zod
 * schemas and returns the batch, or every issue found when there is any.
 * - `labs|therapy|followup|patients|adverse_events.csv`: the long tables (long-files.ts);
 * - `*.xlsx`: one sheet per long table, named like the CSV files without extension;
 * - a CSV whose header is a REDCap data dictionary's, plus one other CSV: the flat record export.
 */
export async function parseRegistryImport(
  files: readonly RegistryImportFile[],
  options: RegistryImportOptions,
): Promise<ImportResult<ImportBatch>> {
  const builder = new BatchBuilder();
  const { issues } = builder;
  if (files.length === 0) {
    return {
      ok: false,
      issues: [{ file: '(none)', line: null, column: null, message: `no files to import (expected ${expectedFiles})` }],
    };
  }
  const texts: Array<{ name: string; text: string; header: readonly string[] }> = [];
  const seenKinds = new Map<LongFileKind, string>();
  const claimKind = (kind: LongFileKind, where: string): boolean => {
    const earlier = seenKinds.get(kind);
    if (earlier !== undefined) {
      issues.push({
        file: where,
        line: null,
        column: null,
        message: `a second ${kind} table (the first is ${earlier}): give each table once`,
      });
      return false;
    }
    seenKinds.set(kind, where);
    return true;
  };

  for (const file of files) {
    builder.addSource(file.name);
    if (file.name.toLowerCase().endsWith('.xlsx') || looksLikeZip(file.bytes)) {
      await readWorkbookFile(file, { builder, claimKind, centerCode: options.centerCode });
      continue;
    }
    const text = decodeUtf8(file.bytes, file.name, issues);
    if (text === null) continue;
    texts.push({ name: file.name, text, header: readCsvHeader(text) ?? [] });
  }

  const dictionaries = texts.filter((file) => isRedcapDictionaryHeader(file.header));
  const others = texts.filter((file) => !dictionaries.includes(file));
  const exports: typeof texts = [];
  for (const file of others) {
    const kind = longFileKindOf(file.name);
    if (kind !== null) {
      if (!claimKind(kind, file.name)) continue;
      const table = readCsvSource(file.text, file.name, longTableLayout(kind), issues);
      if (table !== null) readLongTable(kind, table, { builder, centerCode: options.centerCode });
    } else if (dictionaries.length > 0) exports.push(file);
    else {
      issues.push({
        file: file.name,
        line: null,
        column: null,
        message: `unrecognised file (expected ${expectedFiles})`,
      });
    }
  }
  readRedcapFiles(dictionaries, exports, { builder, centerCode: options.centerCode });

  const batch = builder.build({ centers: options.centers, centerCode: options.centerCode });
  if (batch === null || issues.length > 0) return { ok: false, issues: sortIssues(issues, files) };
  return { ok: true, value: batch };
}

function readRedcapFiles(
  dictionaries: ReadonlyArray<{ name: string; text: string }>,
  exports: ReadonlyArray<{ name: string; text: string }>,
  context: { readonly builder: BatchBuilder; readonly centerCode?: string | undefined },
): void {
  const { builder } = context;
  if (dictionaries.length === 0) return;
  const [dictionaryFile, ...extraDictionaries] = dictionaries;
  for (const extra of extraDictionaries) {
    builder.issues.push({
      file: extra.name,
      line: null,
      column: null,
      message: `a second REDCap data dictionary (the first is ${dictionaryFile?.name}): import one project at a time`,
    });
  }
  if (dictionaryFile === undefined) return;
  const [exportFile, ...extraExports] = exports;
  for (const extra of extraExports) {
    builder.issues.push({
      file: extra.name,
      line: null,
      column: null,
      message: `a second record export (the first is ${exportFile?.name}): give one flat export of the project`,
    });
  }
  const dictionary = readRedcapDictionary(dictionaryFile.text, dictionaryFile.name, builder);
  if (exportFile === undefined) {
    builder.issues.push({
      file: dictionaryFile.name,
      line: null,
      column: null,
      message: 'a REDCap data dictionary needs its flat record export (CSV, raw values) in the same import',
    });
    return;
  }
  if (dictionary === null) return;
  readRedcapRecords(exportFile.text, exportFile.name, { dictionary, builder, centerCode: context.centerCode });
}

async function readWorkbookFile(
  file: RegistryImportFile,
  context: {
    readonly builder: BatchBuilder;
    readonly claimKind: (kind: LongFileKind, where: string) => boolean;
    readonly centerCode?: string | undefined;
  },
): Promise<void> {
  const { builder } = context;
  const workbook = await loadWorkbook(file.bytes, file.name, builder.issues);
  if (workbook === null) return;
  const date1904 = workbook.properties.date1904 === true;
  let tables = 0;
  for (const worksheet of workbook.worksheets) {
    const kind = longFileKindOf(worksheet.name);
    const where = `${file.name}, sheet ${worksheet.name}`;
    if (kind === null) {
      builder.warnings.push({
        file: where,
        line: null,
        column: null,
        message: `sheet ${worksheet.name} is not an import table (expected: ${longFileKinds.join(', ')}): not imported`,
      });
      continue;
    }
    tables += 1;
    if (!context.claimKind(kind, where)) continue;
    const table = readSheetSource(worksheet, file.name, {
      layout: longTableLayout(kind),
      date1904,
      issues: builder.issues,
    });
    if (table !== null) readLongTable(kind, table, { builder, centerCode: context.centerCode });
  }
  if (tables === 0) {
    builder.issues.push({
      file: file.name,
      line: null,
      column: null,
      message: `the workbook has no sheet named ${longFileKinds.join(', ')}`,
    });
  }
}

/** Issues in the order the files were given, then by line, so a user reads them top to bottom. */
function sortIssues(issues: readonly ImportIssue[], files: readonly RegistryImportFile[]): ImportIssue[] {
  const rank = (issue: ImportIssue): number => {
    const index = files.findIndex((file) => issue.file === file.name || issue.file.startsWith(`${file.name}, sheet `));
    return index < 0 ? files.length : index;
  };
  return [...issues].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0));
}
