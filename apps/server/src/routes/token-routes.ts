/** Personal API tokens for scripts: `Authorization: Bearer <token>`, shown once, stored hashed. */
import { tokenCreateBody, tokenResponse } from '../http/common-schemas.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { actorOf } from './actor.ts';

const createToken = defineRoute({
  method: 'post',
  path: '/api/tokens',
  operationId: 'createApiToken',
  summary: 'Create a personal API token (returned once)',
  tag: 'session',
  auth: 'user',
  body: tokenCreateBody,
  responses: { 201: { description: 'The token; store it now, it is not shown again', schema: tokenResponse } },
  handler: async ({ services, body, authentication }) => {
    const created = await services.store.createApiToken(authentication.user.id, body.label, {
      actor: actorOf(authentication),
    });
    return { status: 201, body: { id: created.id, label: body.label, token: created.token } };
  },
});

export const tokenRoutes: readonly ApiRoute[] = [createToken];
