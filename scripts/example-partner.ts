import { randomInt, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { residentIdCheckCharacter } from '../common/domain/documents/index.js';

/**
 * An example partner province, written the way a partner's engineer would: its own key pair, its own
 * short-lived JWTs, plain HTTP to the gateway. Run it against `npm start`:
 *
 *   npx tsx scripts/example-partner.ts [gateway URL, default http://localhost:4000]
 *
 * It registers itself with the dev operator key (in production an operator does this once, out of
 * band), then calls every partner operation and checks each answer. See docs/interop.md.
 */

const OUR_PROVINCE = '450000';
const DEV_ADMIN_KEY = 'hcg_dev_admin';
const DEV_CHANNEL_KEY = 'hcg_dev_channel_wechat-zzg';
const DEV_CHECKPOINT_KEY = 'hcg_dev_checkpoint_gate';

interface Gql<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface PartnerKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** An error's code and reason, without the stack a development server adds. */
const brief = (errors: Gql<unknown>['errors']) => {
  const { stacktrace: _stack, ...ext } = errors?.[0]?.extensions ?? {};
  return JSON.stringify(ext);
};

export interface ExampleRun {
  steps: { step: string; ok: boolean; detail: string }[];
}

export async function runExamplePartner(gatewayUrl: string, log: (line: string) => void = console.log): Promise<ExampleRun> {
  const code = process.env.PARTNER_CODE ?? '440000';
  const run: ExampleRun = { steps: [] };
  const step = (name: string, ok: boolean, detail: string) => {
    run.steps.push({ step: name, ok, detail });
    log(`${ok ? '✓' : '✗'} ${name}: ${detail}`);
  };

  const post = async <T>(headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<Gql<T>> => {
    const res = await fetch(new URL('/graphql', gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as Omit<Gql<T>, 'status'>) };
  };

  // 1. Our key pair. A real partner keeps the private key in its HSM and publishes the JWKS.
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${code}-${randomUUID().slice(0, 8)}`;
  const key: PartnerKey = { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
  const jwks = { keys: [key.publicJwk] };

  // A fresh token per call: 2 minutes of life, a unique jti (the gateway refuses a replay).
  const token = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setIssuer(code)
      .setAudience(OUR_PROVINCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(key.privateKey);
  const asPartner = async () => ({ authorization: `Bearer ${await token()}` });

  // 2. Registration (dev only: an operator does this). A second run rotates the keys instead.
  const admin = { 'x-api-key': DEV_ADMIN_KEY };
  const rights = ['REQUEST_STATUS', 'SEND_STATUS', 'VERIFY_CODES'];
  const reg = await post<{ registerPartner: { code: string } }>(admin, 'mutation($i: RegisterPartnerInput!) { registerPartner(input: $i) { code } }', {
    i: { code, name: `Example partner ${code}`, kind: 'PROVINCE', keys: jwks, rights },
  });
  if (reg.errors?.[0]?.extensions?.code === 'CONFLICT') {
    const rot = await post(admin, 'mutation($c: ID!, $k: JSON!) { rotatePartnerKeys(code: $c, keys: $k) { code } }', { c: code, k: jwks });
    step('register (already registered: keys rotated)', !rot.errors, rot.errors?.[0]?.message ?? `kid ${kid}`);
  } else {
    step('register', !reg.errors, reg.errors?.[0]?.message ?? `partner ${code}, kid ${kid}, rights ${rights.join(', ')}`);
  }

  // A resident of ours to ask about (in production the traveller shows their document at the airport).
  const first17 = `450103${1970 + randomInt(30)}0${1 + randomInt(9)}1${randomInt(10)}${String(randomInt(1000)).padStart(3, '0')}`;
  const documentNumber = first17 + residentIdCheckCharacter(first17);
  const resident = await post(
    { 'x-api-key': DEV_CHANNEL_KEY, 'x-channel-user': `example-partner-${randomUUID()}` },
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }',
    { i: { name: '旅客', sex: Number(first17[16]) % 2 ? 'MALE' : 'FEMALE', documentNumber, phone: '13800000000', region: '450103' } },
  );
  step('a resident to ask about (registered through a dev channel)', !resident.errors, resident.errors?.[0]?.message ?? `document ${documentNumber.slice(0, 6)}…`);

  // 3. requestResidentStatus, then verify the attestation with nothing but the published JWKS.
  const REQUEST = 'mutation($i: RequestResidentStatusInput!) { requestResidentStatus(input: $i) { color asOf attestation expiresAt } }';
  const requestId = `${code}-${randomUUID()}`;
  const status = await post<{ requestResidentStatus: { color: string; attestation: string; expiresAt: string } }>(await asPartner(), REQUEST, {
    i: { documentNumber, purpose: 'FLIGHT', requestId },
  });
  const attestation = status.data?.requestResidentStatus.attestation;
  step('requestResidentStatus', !!attestation, status.errors?.[0]?.message ?? `colour ${status.data!.requestResidentStatus.color}, expires ${status.data!.requestResidentStatus.expiresAt}`);
  if (attestation) {
    const ours = createRemoteJWKSet(new URL('/.well-known/jwks.json', gatewayUrl));
    const verified = await jwtVerify(attestation, ours, { issuer: OUR_PROVINCE, audience: code, typ: 'hc-attestation+jwt' }).then(
      (v) => `kid ${v.protectedHeader.kid}, claims ${JSON.stringify(v.payload)}`,
      (err: Error) => `REFUSED: ${err.message}`,
    );
    step('attestation verifies offline with /.well-known/jwks.json', !verified.startsWith('REFUSED'), verified);
  }
  const retry = await post<{ requestResidentStatus: { attestation: string } }>(await asPartner(), REQUEST, { i: { documentNumber, purpose: 'FLIGHT', requestId } });
  step('retry with the same requestId answers the same attestation', retry.data?.requestResidentStatus.attestation === attestation, retry.errors?.[0]?.message ?? 'identical');
  const clash = await post(await asPartner(), REQUEST, { i: { documentNumber, purpose: 'WORK', requestId } });
  step('same requestId, other input → CONFLICT', clash.errors?.[0]?.extensions?.code === 'CONFLICT', brief(clash.errors));

  // 4. submitTravellerStatus: our statement about a traveller arriving from our province. Its jti
  // names the statement: they apply it once, however many requestIds carry it.
  const statement = (doc: string, color: string) =>
    new SignJWT({ doc: { type: 'RESIDENT_ID', number: doc }, color, asOf: new Date().toISOString() })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'hc-traveller+jwt' })
      .setJti(randomUUID())
      .setIssuer(code)
      .setAudience(OUR_PROVINCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);
  const SEND = 'mutation($i: SubmitTravellerStatusInput!) { submitTravellerStatus(input: $i) { requestId color outcome } }';
  const green = await statement(documentNumber, 'GREEN');
  const sent = await post<{ submitTravellerStatus: { outcome: string } }>(await asPartner(), SEND, {
    i: { attestation: green, requestId: `${code}-${randomUUID()}` },
  });
  step('submitTravellerStatus (GREEN, known resident)', sent.data?.submitTravellerStatus.outcome === 'APPLIED', sent.errors?.[0]?.message ?? JSON.stringify(sent.data));
  const resent = await post<{ submitTravellerStatus: { outcome: string } }>(await asPartner(), SEND, { i: { attestation: green, requestId: `${code}-${randomUUID()}` } });
  step('the same statement under a new requestId answers the first receipt (applied once)', resent.data?.submitTravellerStatus.outcome === 'APPLIED', resent.errors?.[0]?.message ?? 'same receipt');

  // 5. Our own resident's code token, shown at one of their checkpoints: verifyForeignCode.
  const ourCode = await new SignJWT({ color: 'GREEN' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'hc+jwt' })
    .setIssuer(code)
    .setSubject(randomUUID())
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
  const scan = await post<{ verifyForeignCode: { valid: boolean; pass: boolean; issuer: string; reason: string | null } }>(
    { 'x-api-key': DEV_CHECKPOINT_KEY },
    'mutation($t: String!) { verifyForeignCode(token: $t) { valid pass issuer color reason } }',
    { t: ourCode },
  );
  step('verifyForeignCode at their checkpoint', scan.data?.verifyForeignCode.pass === true, scan.errors?.[0]?.message ?? JSON.stringify(scan.data?.verifyForeignCode));

  // 6. trustList: every key a verifier needs, ours and theirs.
  const trust = await post<{ trustList: { issuer: string; kid: string; ours: boolean }[] }>(await asPartner(), '{ trustList { issuer kid ours notAfter } }');
  step('trustList holds their keys and ours', !!trust.data?.trustList.some((k) => k.kid === kid) && !!trust.data?.trustList.some((k) => k.ours), `${trust.data?.trustList.length ?? 0} keys`);

  // 7. Only the province contract: anything else is refused as a field that does not exist.
  const other = await post(await asPartner(), '{ channels { code } }');
  step('a partner reading channels → GRAPHQL_VALIDATION_FAILED', other.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && !other.data, brief(other.errors));

  // 8. A replayed token is refused.
  const once = await token();
  await post({ authorization: `Bearer ${once}` }, '{ trustList { kid } }');
  const replay = await post({ authorization: `Bearer ${once}` }, '{ trustList { kid } }');
  step('a replayed token → UNAUTHENTICATED', replay.errors?.[0]?.extensions?.reason === 'REPLAYED_TOKEN', brief(replay.errors));
  return run;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? process.env.GATEWAY_URL ?? 'http://localhost:4000';
  runExamplePartner(url).then(
    (r) => process.exit(r.steps.every((s) => s.ok) ? 0 : 1),
    (err: unknown) => {
      console.error(`Could not talk to ${url}: is \`npm start\` running?`, err);
      process.exit(1);
    },
  );
}
