/** A patient's derived results (response, endpoints, grades, dosing findings with explanations). */
import { type DerivedResponse, derivedResponseSchema } from './derived-results-schema.ts';
import { requestJson } from './http-client.ts';

export function fetchDerived(patientId: number): Promise<DerivedResponse> {
  return requestJson('GET', `/api/patients/${patientId}/derived`, { schema: derivedResponseSchema });
}
