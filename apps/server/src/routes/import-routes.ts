/**
 * `POST /api/imports`: the rules engine's long CSVs, an XLSX workbook or a REDCap project (data
 * dictionary + flat record export), as JSON (`{files: [{name, text | base64}], dryRun}`) or as
 * multipart form data (one part per file, optional `dryRun` field). Contracts' `parseRegistryImport`
 * validates everything first — problems answer 422 listing file, line, column and reason — then the
 * store writes the whole batch in one transaction, or nothing (`dryRun: true` reports what would
 * change). `?center=CODE` names the centre of rows that name none; a caller who writes exactly one
 * centre defaults to it.
 */
import { childFormKinds, parseRegistryImport, type RegistryImportFile } from '@mmreg/contracts';
import { z } from 'zod';
import { scopeForRequest } from '../auth/access-scope.ts';
import { ApiError } from '../errors.ts';
import { idText } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { actorOf } from './actor.ts';

export const maxImportBytes = 20 * 1024 * 1024;

const importFile = z.union([
  z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(255, 'at most 255 characters'),
    text: z.string().max(maxImportBytes, 'file too large'),
  }),
  z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(255, 'at most 255 characters'),
    base64: z.base64('expected base64 (binary files such as .xlsx)').max(maxImportBytes, 'file too large'),
  }),
]);

const importBody = z.strictObject({
  dryRun: z.boolean().optional(),
  files: z.array(importFile).min(1, 'at least one file').max(20, 'at most 20 files'),
});

const importQuery = z.strictObject({
  study: idText.optional(),
  center: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters').optional(),
});

const importIssue = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});

const importSummary = z.object({
  dryRun: z.boolean(),
  patientsCreated: z.number().int().min(0),
  patientsUpdated: z.number().int().min(0),
  rowsAdded: z.partialRecord(z.enum(childFormKinds as [string, ...string[]]), z.number().int().min(0)),
  rowsUnchanged: z.number().int().min(0),
  changes: z.array(z.string()),
  warnings: z.array(importIssue),
});

/** Multipart: every file part is a file; a `dryRun` field of `true`/`false` sets the mode. */
async function readImportForm(form: FormData): Promise<unknown> {
  const files: { name: string; base64: string }[] = [];
  const fields: Record<string, unknown> = {};
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') {
      files.push({ name: value.name, base64: Buffer.from(await value.arrayBuffer()).toString('base64') });
    } else if (field === 'dryRun') {
      fields['dryRun'] = value === 'true' ? true : value === 'false' ? false : value;
    } else {
      fields[field] = value;
    }
  }
  return { ...fields, files };
}

function bytesOf(file: z.output<typeof importFile>): RegistryImportFile {
  const bytes =
    'text' in file ? new TextEncoder().encode(file.text) : new Uint8Array(Buffer.from(file.base64, 'base64'));
  return { name: file.name, bytes };
}

const createImport = defineRoute({
  method: 'post',
  path: '/api/imports',
  operationId: 'createImport',
  summary: 'Import long CSVs, an XLSX workbook or a REDCap project in one transaction (or a dry run)',
  description:
    'Body: JSON `{dryRun?, files: [{name, text}] or [{name, base64}]}` or multipart/form-data with one part per file; up to 20 MiB. Formats: packages/contracts/src/registry-import/README.md.',
  tag: 'imports',
  auth: 'user',
  query: importQuery,
  body: importBody,
  multipart: readImportForm,
  responses: {
    200: { description: 'What changed (or, for a dry run, what would change)', schema: importSummary },
    403: { description: 'A patient of the import is readable but not writable by the caller' },
    404: { description: 'A patient of the import is not in the caller’s centres' },
    409: { description: 'A new patient’s code is already used in the study' },
    422: { description: 'The files have problems: each names file, line, column and reason; nothing was written' },
  },
  handler: async ({ services, query, body, authentication }) => {
    const scope = scopeForRequest(authentication.user, query.study);
    const centers = await services.store.listCenters(scope.studyId);
    const onlyWritable =
      scope.writeCenters !== 'all' && scope.writeCenters.length === 1
        ? centers.find((center) => center.id === scope.writeCenters[0])
        : undefined;
    const centerCode = query.center ?? onlyWritable?.code;
    const parsed = await parseRegistryImport(body.files.map(bytesOf), {
      centers: centers.map((center) => ({ id: center.id, code: center.code })),
      centerCode,
    });
    if (!parsed.ok) {
      throw new ApiError(422, 'invalid', `the import has ${parsed.issues.length} problem(s); nothing was written`, {
        issues: parsed.issues.map((issue) => ({
          in: 'body',
          path: ['files', issue.file],
          message: issue.message,
          file: issue.file,
          line: issue.line,
          column: issue.column,
        })),
      });
    }
    const summary = await services.store.importBatch(scope, parsed.value, {
      actor: actorOf(authentication),
      dryRun: body.dryRun ?? false,
    });
    return { status: 200, body: { ...summary, warnings: parsed.value.warnings ?? [] } };
  },
});

export const importRoutes: readonly ApiRoute[] = [createImport];
