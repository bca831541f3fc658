/** Studies and centres the caller belongs to. */
import { centerSchema, studySchema } from '@mmreg/contracts';
import { z } from 'zod';
import { requestJson } from './http-client.ts';

const studyListSchema = z.object({ studies: z.array(studySchema) });
export const centerAccessSchema = centerSchema.extend({ canRead: z.boolean(), canWrite: z.boolean() });
export type CenterAccess = z.infer<typeof centerAccessSchema>;
const centerListSchema = z.object({ centers: z.array(centerAccessSchema) });

export async function fetchStudies() {
  return (await requestJson('GET', '/api/studies', { schema: studyListSchema })).studies;
}

export async function fetchCenters(studyId: number): Promise<CenterAccess[]> {
  return (await requestJson('GET', `/api/studies/${studyId}/centers`, { schema: centerListSchema })).centers;
}
