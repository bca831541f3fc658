/**
 * `GET /api/studies/{id}/report?format=pdf|docx|xlsx|html|csv-zip`: the study report over the
 * patients the caller may see, as a download. The analysis is the analysis route's (each patient
 * assessed as its derived results are, core's `studyFromRegistry` and `analyseStudy`); the files
 * are @mmreg/report's exporters (docs/exports.md). A centre user's report holds only their centre.
 * PDF and DOCX print with Chromium: at most two exports run at once, each with its own browser.
 */
import { analyseStudy, type StudyAnalysis, studyFromRegistry } from '@mmreg/core';
import { exportReport, ReportExportError, type ReportFormat, zipFiles } from '@mmreg/report/export';
import { registryStudyInputOf, type ScopedStudyData } from '@mmreg/storage';
import { z } from 'zod';
import { referenceComparisonFor } from '../analysis/reference-studies.ts';
import { scopeForRequest } from '../auth/access-scope.ts';
import { ApiError } from '../errors.ts';
import { idParams } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute, type RouteFile } from '../http/define-route.ts';
import { serverVersion } from '../server-version.ts';

const downloads = {
  pdf: { format: 'pdf', file: 'report.pdf', contentType: 'application/pdf', suffix: 'report.pdf' },
  docx: {
    format: 'docx',
    file: 'report.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    suffix: 'report.docx',
  },
  xlsx: {
    format: 'xlsx',
    file: 'report.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    suffix: 'report.xlsx',
  },
  html: { format: 'html', file: 'report.html', contentType: 'text/html; charset=utf-8', suffix: 'report.html' },
  'csv-zip': { format: 'csv', file: null, contentType: 'application/zip', suffix: 'tables.zip' },
} as const satisfies Record<string, { format: ReportFormat; file: string | null; contentType: string; suffix: string }>;

type DownloadKind = keyof typeof downloads;
const downloadKinds = Object.keys(downloads) as [DownloadKind, ...DownloadKind[]];

const reportQuery = z.strictObject({ format: z.enum(downloadKinds) });

/** The scope's analysis, or a 409 when no patient in scope can be analysed yet. */
function analyseScope(data: ScopedStudyData, isStudyWide: boolean): StudyAnalysis {
  const reference = referenceComparisonFor(data.study.code);
  const input = registryStudyInputOf(data, {
    reference: reference.kind === 'found' ? reference.reference : null,
    isStudyWide,
  });
  const { study } = studyFromRegistry(input);
  if (study.patients.length === 0) {
    throw new ApiError(
      409,
      'conflict',
      data.patients.length === 0
        ? 'no patients are registered in the centres the caller may read: there is no report to make'
        : `none of the ${data.patients.length} patient(s) in scope can be analysed yet (GET /api/studies/${data.study.id}/analysis lists why)`,
    );
  }
  return analyseStudy(study);
}

/** At most `limit` exports at once (each PDF/DOCX export runs its own Chromium); the rest wait in turn. */
function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <TResult>(work: () => Promise<TResult>): Promise<TResult> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

const limitExports = concurrencyLimit(2);

function fileNameOf(data: ScopedStudyData, isStudyWide: boolean, suffix: string): string {
  const scope = isStudyWide ? '' : `-${data.centers.map((center) => center.code).join('-')}`;
  return `${data.study.code}${scope}-${suffix}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

async function buildDownload(analysis: StudyAnalysis, kind: DownloadKind, generatedAt: string) {
  const download = downloads[kind];
  const exported = await limitExports(() =>
    exportReport(analysis, {
      formats: [download.format],
      software: { name: 'mmreg', version: serverVersion(), generatedAt },
    }),
  );
  if (download.file === null) return zipFiles(exported.files);
  const bytes = exported.files.get(download.file);
  if (bytes === undefined) throw new Error(`exportReport returned no ${download.file}`);
  return bytes;
}

const getReport = defineRoute({
  method: 'get',
  path: '/api/studies/{id}/report',
  operationId: 'getStudyReport',
  summary: 'The study report over the patients the caller may see, as a PDF, DOCX, XLSX, HTML or ZIP of CSVs',
  description:
    'The same analysis as `GET /api/studies/{id}/analysis` (a centre sees its own patients only; published claims are checked only for study-wide callers), exported by the CLI’s `mmreg report` code: `pdf` (Chromium print of the HTML report, A4), `docx` (Word tables, figures as 300-dpi PNG), `xlsx` (a README sheet and one sheet per table, numbers as numbers), `html` (self-contained page) or `csv-zip` (one CSV per table). Sent as an attachment named `<study>[-<centres>]-report.<ext>`.',
  tag: 'studies',
  auth: 'user',
  params: idParams,
  query: reportQuery,
  responses: {
    200: {
      description: 'The report file',
      mediaTypes: Object.values(downloads).map((download) => download.contentType.split(';')[0] ?? ''),
    },
    404: { description: 'No such study, or the caller is not a member' },
    409: { description: 'No patient in the caller’s scope can be analysed yet' },
    503: { description: 'PDF or DOCX asked for and the server has no Chromium' },
  },
  handler: async ({ services, params, query, authentication }) => {
    const scope = scopeForRequest(authentication.user, params.id);
    const data = await services.store.loadStudyData(scope);
    let isStudyWide = scope.readCenters === 'all';
    if (!isStudyWide) {
      const readable = new Set(data.centers.map((center) => center.id));
      isStudyWide = (await services.store.listCenters(params.id)).every((center) => readable.has(center.id));
    }
    const analysis = analyseScope(data, isStudyWide);
    let bytes: Uint8Array;
    try {
      bytes = await buildDownload(analysis, query.format, services.clock().toISOString());
    } catch (error) {
      if (
        error instanceof ReportExportError &&
        (error.code === 'chromium-missing' || error.code === 'chromium-failed')
      ) {
        throw new ApiError(503, 'internal', `${query.format} export is unavailable on this server: ${error.message}`);
      }
      throw error;
    }
    const file: RouteFile = {
      bytes: new Uint8Array(bytes),
      contentType: downloads[query.format].contentType,
      fileName: fileNameOf(data, isStudyWide, downloads[query.format].suffix),
    };
    return { status: 200, file };
  },
});

export const reportRoutes: readonly ApiRoute[] = [getReport];
