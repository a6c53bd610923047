import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../common/platform/config.js';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError, asServiceUnavailable } from '../../common/platform/errors.js';
import { isUuid } from '../../common/platform/ids.js';
import type { Logger } from '../../common/platform/logger.js';
import { PrincipalTokens, withOperation, type Principal } from '../../common/domain/principal.js';
import type { BearerAuthenticator } from '../authenticate.js';
import type { GatewayContext } from '../context.js';
import type { gatewayRateLimiter } from '../rate-limit.js';
import { Safelist } from '../safelist.js';
import * as map from './mapping.js';
import { KEY_ID_HEADER, SIGNATURE_HEADER, Sm2Signer } from './sm2.js';

/** Where the interface answers. */
export const NATIONAL_PREFIX = '/gbt38963/v1';
/** The partner right (interop's PartnerRight) a national platform's token must carry. */
const RIGHT = 'interop:NATIONAL_INTERFACE';
/** The platform's user as its token names it (`sub`), held to a channel user's form. */
const PLATFORM_USER = /^[\w.:@-]{1,128}$/;

/** The published national operations (`npm run operations`): the only ones this interface runs. */
export const NATIONAL_OPERATIONS_FILE = fileURLToPath(new URL('../../schema/national-operations.json', import.meta.url));

/** What the gateway's index.ts hands over: parts it built once for `/graphql`. */
export interface NationalInterfaceParts {
  apollo: ApolloServer<GatewayContext>;
  bearer: BearerAuthenticator;
  rateLimit: ReturnType<typeof gatewayRateLimiter>;
  config: Config;
  logger: Logger;
}

interface NationalInterfaceDeps extends NationalInterfaceParts {
  operations: Safelist;
  /** Signs every response when SM2 signing is configured (GBT38963_SM2_PRIVATE_KEY). */
  signer?: Sm2Signer;
}

type Run = <T>(operation: string, principal: Principal, variables?: map.Json) => Promise<T>;

/**
 * GB/T 38963 over HTTP (docs/interop.md, "The national interface"): `POST /gbt38963/v1/<operation>`
 * with a JSON body of GB/T 38962 data items, answered `{ "data": ... }` or `{ "error": { code, reason,
 * field, message } }`. A caller is a registered partner with the NATIONAL_INTERFACE right, authenticated
 * by the same partner JWT as `/graphql`; the token's `sub` names the platform's signed-in user, who acts
 * as that user of the channel registered under the partner's code. Each request runs published graph
 * operations through the gateway's own Apollo server (contract, edge authorization, plan and fetch), so
 * there is no second path to the data.
 */
export async function registerNationalInterface(app: FastifyInstance, parts: NationalInterfaceParts): Promise<void> {
  const key = parts.config.gbt38963Sm2PrivateKey;
  const d: NationalInterfaceDeps = { ...parts, operations: Safelist.load(NATIONAL_OPERATIONS_FILE), ...(key ? { signer: new Sm2Signer(key) } : {}) };
  await app.register(
    (scope, _opts, done) => {
      mountNationalRoutes(scope, d);
      done();
    },
    { prefix: NATIONAL_PREFIX },
  );
}

function mountNationalRoutes(app: FastifyInstance, d: NationalInterfaceDeps): void {
  const byName = new Map(d.operations.operations().map((o) => [o.name, o.body] as const));
  const tokens = new PrincipalTokens(d.config.secrets.gatewaySecret);
  /** Each platform's channel, checked at most every 10 s: registered, and not suspended. */
  const channels = new LRUCache<string, { status: string | null }>({ max: 100, ttl: 10_000 });

  const run: Run = async <T>(operation: string, principal: Principal, variables?: map.Json) => {
    const query = byName.get(operation);
    if (!query) throw new Error(`${operation} is not in schema/national-operations.json (run npm run operations)`);
    const response = await d.apollo.executeOperation(
      { query, operationName: operation, ...(variables ? { variables } : {}) },
      { contextValue: { principal, requestId: randomUUID(), principalToken: (op) => tokens.token(withOperation(principal, op)) } },
    );
    if (response.body.kind !== 'single') throw new Error('no incremental delivery here');
    const { data, errors } = response.body.singleResult;
    const error = errors?.[0];
    if (error) {
      const ext = error.extensions ?? {};
      throw new NationalError(typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR', error.message, ext);
    }
    return data as T;
  };

  const platformChannel = async (acting: Principal): Promise<void> => {
    let hit = channels.get(acting.subject);
    if (!hit) {
      const { channels: all } = await run<{ channels: { code: string; status: string }[] }>('Gbt38963Channels', acting);
      hit = { status: all.find((c) => c.code === acting.subject)?.status ?? null };
      channels.set(acting.subject, hit);
    }
    if (!hit.status) throw new ForbiddenError('A national platform needs a channel registered under its partner code', { reason: 'NO_PLATFORM_CHANNEL' });
    if (hit.status !== 'ACTIVE') throw new ForbiddenError("The platform's channel is suspended", { reason: 'CHANNEL_SUSPENDED' });
  };

  /** The platform's user, acting through the platform's channel. */
  const asResident = async (caller: Caller): Promise<Principal> => {
    if (typeof caller.claims.sub !== 'string' || !PLATFORM_USER.test(caller.claims.sub)) {
      throw new UnauthenticatedError("sub must name the platform's signed-in user (1-128 of letters, digits, _ . : @ -)", { reason: 'MISSING_PLATFORM_USER' });
    }
    const acting: Principal = { kind: 'channel', subject: caller.platform.subject, channelUser: caller.claims.sub, scopes: [], ...(caller.platform.credentialId ? { credentialId: caller.platform.credentialId } : {}) };
    await platformChannel(acting);
    return acting;
  };

  /** The checkpoint the platform's token names (`checkpoint`), as that checkpoint. */
  const asCheckpoint = (caller: Caller): Principal => {
    const id = caller.claims.checkpoint;
    if (typeof id !== 'string' || !isUuid(id)) throw new UnauthenticatedError('checkpoint must name the registered checkpoint the platform verifies at (a UUID)', { reason: 'MISSING_CHECKPOINT' });
    return { kind: 'checkpoint', subject: id, scopes: [], ...(caller.platform.credentialId ? { credentialId: caller.platform.credentialId } : {}) };
  };

  const handlers: Record<map.NationalOperation, (caller: Caller, body: map.Json) => Promise<map.Json>> = {
    codes: async (caller, body) => {
      const variables = map.applyVariables(body);
      const resident = await asResident(caller);
      const applied = await run<{ registerPerson: { created: boolean } }>('Gbt38963Apply', resident, variables);
      const { me } = await run<{ me: Parameters<typeof map.codeAnswer>[0] }>('Gbt38963Code', resident);
      return map.codeAnswer(me, applied.registerPerson.created, d.config.provinceCode);
    },
    'health-declarations': async (caller, body) => declare(caller, map.healthDeclarationVariables(body)),
    'trip-declarations': async (caller, body) => declare(caller, map.tripDeclarationVariables(body)),
    'health-info': async (caller, body) => {
      const variables = map.healthInfoVariables(body);
      const { me } = await run<{ me: Parameters<typeof map.healthInfoAnswer>[0] | null }>('Gbt38963HealthInfo', await asResident(caller), variables);
      return map.healthInfoAnswer(registered(me));
    },
    'code-verifications': async (caller, body) => {
      const variables = map.verifyVariables(body);
      const { verifyCode } = await run<{ verifyCode: Parameters<typeof map.verifyAnswer>[0] }>('Gbt38963Verify', asCheckpoint(caller), variables);
      return map.verifyAnswer(verifyCode);
    },
    corrections: async (caller, body) => {
      map.correctionVariables(body, 'unknown-yet'); // the input checked before anything runs
      const resident = await asResident(caller);
      const { me } = await run<{ me: { id: string } | null }>('Gbt38963Code', resident);
      const { fileAppeal } = await run<{ fileAppeal: Parameters<typeof map.correctionAnswer>[0] }>('Gbt38963Correct', resident, map.correctionVariables(body, registered(me).id));
      return map.correctionAnswer(fileAppeal);
    },
  };
  const declare = async (caller: Caller, variables: map.Json) => {
    const { submitDeclaration } = await run<{ submitDeclaration: Parameters<typeof map.declarationAnswer>[0] }>('Gbt38963Declare', await asResident(caller), variables);
    return map.declarationAnswer(submitDeclaration);
  };

  const authenticate = async (request: FastifyRequest): Promise<Caller> => {
    const { addresses, limiter } = d.rateLimit;
    await addresses?.assertAllowed(request.ip);
    const authorization = request.headers.authorization;
    if (!authorization?.startsWith('Bearer ')) throw new UnauthenticatedError("Send the platform's partner token as Authorization: Bearer", { reason: 'NO_CREDENTIALS' });
    const token = authorization.slice('Bearer '.length).trim();
    const platform = await d.bearer.authenticate(token).catch(async (err: unknown) => {
      const unavailable = asServiceUnavailable(err);
      if (unavailable === err) await addresses?.failed(request.ip);
      throw unavailable;
    });
    if (platform.kind !== 'province' || !platform.scopes.includes(RIGHT)) {
      throw new ForbiddenError('This interface is for partners with the NATIONAL_INTERFACE right', { reason: 'NOT_A_NATIONAL_PLATFORM' });
    }
    await limiter?.take(platform);
    return { platform, claims: decodeJwt(token) };
  };

  const reply = (res: FastifyReply, status: number, payload: map.Json) => {
    const body = JSON.stringify(payload);
    res.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store');
    if (d.signer) res.header(SIGNATURE_HEADER, d.signer.sign(body)).header(KEY_ID_HEADER, d.signer.keyId);
    return res.send(body);
  };

  app.get('/public-key', async (_request, res) => {
    if (!d.signer) return reply(res, 404, errorBody(new NotFoundError('SM2 signing is not configured here (GBT38963_SM2_PRIVATE_KEY)', { reason: 'SIGNING_NOT_CONFIGURED' })));
    return reply(res, 200, { data: d.signer.published() });
  });

  app.post<{ Params: { operation: string } }>('/:operation', async (request, res) => {
    const operation = request.params.operation as map.NationalOperation;
    try {
      if (!(map.NATIONAL_OPERATIONS as readonly string[]).includes(operation)) {
        throw new NotFoundError(`No such operation; these are: ${map.NATIONAL_OPERATIONS.join(', ')}`, { reason: 'UNKNOWN_OPERATION' });
      }
      const caller = await authenticate(request);
      const data = await handlers[operation](caller, map.bodyObject(request.body));
      return reply(res, 200, { data });
    } catch (err) {
      const body = errorBody(err);
      if (body.error.code === 'INTERNAL_SERVER_ERROR') d.logger.error({ err, operation }, 'GB/T 38963 request failed');
      const retryAfter = err instanceof AppError ? err.httpHeaders['retry-after'] : undefined;
      if (retryAfter) res.header('retry-after', retryAfter);
      return reply(res, err instanceof AppError && err.http ? err.http.status : map.statusOf(body.error.code), body);
    }
  });
  app.setNotFoundHandler((_request, res) =>
    reply(res, 404, errorBody(new NotFoundError(`No such operation: POST ${NATIONAL_PREFIX}/<operation>, one of ${map.NATIONAL_OPERATIONS.join(', ')}`, { reason: 'UNKNOWN_OPERATION' }))),
  );
  // Fastify's own refusal of a body that is not JSON, in the interface's shape (this scope's routes only).
  app.setErrorHandler((err, _request, res) => {
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    return reply(res, status, { error: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', reason: status < 500 ? 'MALFORMED_REQUEST' : null, field: null, message: status < 500 ? 'The request is not a JSON object this interface reads' : 'Internal server error' } });
  });
}

interface Caller {
  platform: Principal;
  claims: ReturnType<typeof decodeJwt>;
}

/** A graph error passed on: its code and the extensions a caller may read. */
class NationalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

function registered<T>(me: T | null): T {
  if (!me) throw new NotFoundError('The platform user is not registered here: apply for a code first (POST /gbt38963/v1/codes)', { reason: 'NOT_REGISTERED' });
  return me;
}

/** `{ error: { code, reason, field, message } }`: a stable code and reason, never a trace or a subgraph's body. */
export function errorBody(err: unknown): { error: { code: string; reason: string | null; field: string | null; message: string } } {
  const ext = err instanceof AppError || err instanceof NationalError ? (err.extensions as Record<string, unknown>) : {};
  const code = err instanceof NationalError ? err.code : err instanceof AppError ? err.code : 'INTERNAL_SERVER_ERROR';
  const known = code !== 'INTERNAL_SERVER_ERROR';
  return {
    error: {
      code,
      reason: known && typeof ext.reason === 'string' ? ext.reason : null,
      field: known && typeof ext.field === 'string' ? ext.field : null,
      message: known ? (err as Error).message : 'Internal server error',
    },
  };
}
