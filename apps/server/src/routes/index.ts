/** Every route of the API, in one list: the app registers it, the OpenAPI document and the tests read it. */
import type { ApiRoute } from '../http/define-route.ts';
import { analysisRoutes } from './analysis-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { childFormRoutes } from './child-form-routes.ts';
import { derivedRoutes } from './derived-routes.ts';
import { importRoutes } from './import-routes.ts';
import { openApiRoute } from './openapi-route.ts';
import { patientRoutes } from './patient-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { studyRoutes } from './study-routes.ts';
import { tokenRoutes } from './token-routes.ts';

const documentedRoutes: readonly ApiRoute[] = [
  ...sessionRoutes,
  ...tokenRoutes,
  ...studyRoutes,
  ...patientRoutes,
  ...childFormRoutes,
  ...derivedRoutes,
  ...analysisRoutes,
  ...reportRoutes,
  ...auditRoutes,
  ...importRoutes,
];

export const apiRoutes: readonly ApiRoute[] = [...documentedRoutes, openApiRoute(() => apiRoutes)];
