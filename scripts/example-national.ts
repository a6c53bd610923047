import { randomInt, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { residentIdCheckCharacter } from '../common/domain/documents/index.js';
import { KEY_ID_HEADER, SIGNATURE_HEADER, verifySm2 } from '../gateway/national/sm2.js';

/**
 * An example national platform (全国一体化政务服务平台) calling our GB/T 38963 interface, written the way
 * the platform's engineer would: its own ES256 key pair, a short-lived JWT per call naming its signed-in
 * user (`sub`), plain JSON over HTTP, and every answer's SM2 signature checked against our published
 * key when we sign. Run it against `npm start`:
 *
 *   npm run example:national [-- gateway URL, default http://localhost:4000]
 *
 * It onboards itself with the dev operator key (partner with NATIONAL_INTERFACE, a channel under the
 * same code, a checkpoint to verify at; in production an operator does this once), then calls every
 * mapped operation and checks each answer. See docs/interop.md, "The national interface".
 */

const OUR_PROVINCE = '450000';
const DEV_ADMIN_KEY = 'hcg_dev_admin';

export interface ExampleRun {
  steps: { step: string; ok: boolean; detail: string }[];
  /** How many answers carried an SM2 signature that verified (0 when signing is not configured). */
  signedAnswers: number;
}

export interface Answer {
  status: number;
  body: { data?: Record<string, unknown>; error?: { code: string; reason: string | null; field: string | null; message: string } };
  signature: string | null;
  keyId: string | null;
  text: string;
}

/** Yesterday in the province (UTC+8): a trip's date that is valid whichever side of midnight the graph's clock is. */
const provinceYesterday = () => new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

type Step = (name: string, ok: boolean, detail: string) => void;

/** A national platform's client: its key, its onboarding, one signed call per request. */
export interface NationalPlatform {
  code: string;
  /** A fresh request token (2 minutes, unique jti) with these claims, e.g. `{ sub }`. */
  token(claims: Record<string, unknown>): Promise<string>;
  /** One call; the token is fresh unless given (to replay one). */
  call(operation: string, body: unknown, claims: Record<string, unknown>, token?: string): Promise<Answer>;
}

/** Runs one operator query with the dev operator key. */
export async function asOperator<T>(gatewayUrl: string, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(new URL('/graphql', gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEV_ADMIN_KEY },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/**
 * Onboards a platform (dev only: an operator does this): a partner with `rights` (a re-run rotates its
 * keys) and, when `channel`, a channel under the same code.
 */
export async function onboardPlatform(gatewayUrl: string, code: string, step: Step, opts: { rights?: string[]; channel?: boolean } = {}): Promise<NationalPlatform> {
  const gql = <T>(query: string, variables?: Record<string, unknown>) => asOperator<T>(gatewayUrl, query, variables);
  const rights = opts.rights ?? ['NATIONAL_INTERFACE'];
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${code}-${randomUUID().slice(0, 8)}`;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] };
  const reg = await gql('mutation($i: RegisterPartnerInput!) { registerPartner(input: $i) { code } }', {
    i: { code, name: '全国一体化政务服务平台 (example)', kind: 'NATIONAL', keys: jwks, rights },
  });
  if (reg.errors?.[0]?.extensions?.code === 'CONFLICT') {
    const rot = await gql('mutation($c: ID!, $k: JSON!) { rotatePartnerKeys(code: $c, keys: $k) { code } }', { c: code, k: jwks });
    step('partner (already registered: keys rotated)', !rot.errors, rot.errors?.[0]?.message ?? `kid ${kid}`);
  } else {
    step(`partner with ${rights.join(', ')}`, !reg.errors, reg.errors?.[0]?.message ?? `partner ${code}, kid ${kid}`);
  }
  if (opts.channel !== false) {
    const channels = await gql<{ channels: { code: string }[] }>('{ channels { code } }');
    if (!channels.data?.channels.some((c) => c.code === code)) {
      const app = await gql<{ applyForChannel: { id: string } }>('mutation($i: ChannelApplicationInput!) { applyForChannel(input: $i) { id } }', {
        i: { name: '国家政务服务平台', kind: 'APP', contact: 'ops@example.gov.cn', h5Origin: `https://${code}.example.gov.cn` },
      });
      const ok = await gql('mutation($id: ID!, $c: String!) { approveChannelApplication(id: $id, code: $c) { channel { code } } }', { id: app.data?.applyForChannel.id, c: code });
      step('a channel under the same code', !app.errors && !ok.errors, app.errors?.[0]?.message ?? ok.errors?.[0]?.message ?? `channel ${code}`);
    } else {
      step('a channel under the same code (already there)', true, `channel ${code}`);
    }
  }
  const token = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(code)
      .setAudience(OUR_PROVINCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(privateKey as CryptoKey);
  return {
    code,
    token,
    call: async (operation, body, claims, given) => {
      const res = await fetch(new URL(`/gbt38963/v1/${operation}`, gatewayUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${given ?? (await token(claims))}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) as Answer['body'], signature: res.headers.get(SIGNATURE_HEADER), keyId: res.headers.get(KEY_ID_HEADER), text };
    },
  };
}

export async function runExampleNational(gatewayUrl: string, log: (line: string) => void = console.log): Promise<ExampleRun> {
  const code = process.env.NATIONAL_PLATFORM_CODE ?? 'gjzwfw';
  const run: ExampleRun = { steps: [], signedAnswers: 0 };
  const step: Step = (name, ok, detail) => {
    run.steps.push({ step: name, ok, detail });
    log(`${ok ? '✓' : '✗'} ${name}: ${detail}`);
  };

  // 1. Onboarding, and a checkpoint to verify codes at.
  const platform = await onboardPlatform(gatewayUrl, code, step);
  const cp = await asOperator<{ registerCheckpoint: { id: string } }>(gatewayUrl, 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }', {
    i: { name: '国家政务服务平台验码', kind: 'PUBLIC_VENUE', region: '450103' },
  });
  const checkpoint = cp.data?.registerCheckpoint.id;
  step('a checkpoint to verify codes at', !!checkpoint, cp.errors?.[0]?.message ?? `checkpoint ${checkpoint}`);

  // 2. Our SM2 key, when we sign: every answer below is checked against it.
  const keyRes = await fetch(new URL('/gbt38963/v1/public-key', gatewayUrl));
  const published = keyRes.status === 200 ? ((await keyRes.json()) as { data: { alg: string; keyId: string; publicKey: string } }).data : null;
  step('our SM2 public key', keyRes.status === 200 || keyRes.status === 404, published ? `${published.alg}, key id ${published.keyId}` : 'signing not configured: answers are unsigned');

  // 3. One call as the platform's signed-in user, its answer's signature checked.
  const user = `example-national-${randomUUID()}`;
  const call = async (operation: string, body: unknown, claims: Record<string, unknown> = { sub: user }, token?: string): Promise<Answer> => {
    const answer = await platform.call(operation, body, claims, token);
    if (published) {
      const ok = !!answer.signature && answer.keyId === published.keyId && verifySm2(answer.text, answer.signature, published.publicKey);
      if (!ok) step(`SM2 signature of ${operation}`, false, `status ${answer.status}, key id ${answer.keyId}: does not verify`);
      else run.signedAnswers++;
    }
    return answer;
  };
  const detail = (a: Answer) => (a.body.error ? `${a.status} ${JSON.stringify(a.body.error)}` : JSON.stringify(a.body.data));

  // 4. 申领/制码: the user's person items, answered with a signed code.
  const first17 = `450103${1970 + randomInt(30)}0${1 + randomInt(9)}1${randomInt(10)}${String(randomInt(1000)).padStart(3, '0')}`;
  const documentNumber = first17 + residentIdCheckCharacter(first17);
  const applied = await call('codes', { name: '国办用户', sex: Number(first17[16]) % 2 ? '1' : '2', documentType: 'RESIDENT_ID', documentNumber, phone: '13800000000', region: '450103' });
  const codeValue = applied.body.data?.codeValue as string | undefined;
  step('codes (申领/制码)', applied.status === 200 && !!codeValue && applied.body.data?.codeColor === 'GREEN', detail(applied));

  // 5. 健康申报 and 行程申报.
  const health = await call('health-declarations', { temperature: 36.5, symptoms: [], exposures: [] });
  step('health-declarations (健康申报)', health.status === 200 && health.body.data?.normal === true, detail(health));
  const trip = await call('trip-declarations', {
    temperature: 36.6,
    trip: { departureRegion: '440100', destinationRegion: '450103', travelDate: provinceYesterday(), transport: 'TRAIN', vehicleNumber: 'D3601' },
    exposures: [{ kind: 'ARRIVED_FROM_OTHER_PROVINCE', provinceCode: '440000' }],
  });
  step('trip-declarations (行程申报)', trip.status === 200 && typeof trip.body.data?.codeColor === 'string', detail(trip));

  // 6. 查询健康信息.
  const info = await call('health-info', { days: 7 });
  const reasons = (info.body.data?.reasons ?? []) as { reasonCode: string }[];
  step('health-info (查询健康信息)', info.status === 200 && Array.isArray(info.body.data?.declarations) && (info.body.data.declarations as unknown[]).length === 1, detail(info));

  // 7. 验码: the code from step 4, at the platform's checkpoint.
  const verified = await call('code-verifications', { codeValue }, { sub: user, checkpoint });
  step('code-verifications (验码)', verified.status === 200 && typeof verified.body.data?.pass === 'boolean' && typeof verified.body.data?.codeColor === 'string', detail(verified));

  // 8. 纠错: a correction request against the colour's first reason (the arrival from another province).
  const reasonCode = reasons[0]?.reasonCode;
  const corrected = await call('corrections', { reasonCode: reasonCode ?? 'NONE', ground: 'DISPUTED_CAUSE', statement: '我是本省居民，出差返回，请核实。' });
  step('corrections (纠错)', !!reasonCode && corrected.status === 200 && corrected.body.data?.status === 'OPEN', detail(corrected));

  // 9. Refusals, in the interface's error shape.
  const bad = await call('health-declarations', { temperature: 'hot' });
  step('a malformed data item → 400 BAD_USER_INPUT with its field', bad.status === 400 && bad.body.error?.code === 'BAD_USER_INPUT' && bad.body.error.field === 'temperature', detail(bad));
  const unknownItem = await call('health-info', { nationality: 'CHN' });
  step('a data item the graph cannot take → 400 UNKNOWN_ITEM', unknownItem.status === 400 && unknownItem.body.error?.reason === 'UNKNOWN_ITEM', detail(unknownItem));
  const stranger = await call('health-info', {}, { sub: `never-registered-${randomUUID()}` });
  step('a user who never applied → 404 NOT_REGISTERED', stranger.status === 404 && stranger.body.error?.reason === 'NOT_REGISTERED', detail(stranger));
  const once = await platform.token({ sub: user });
  await call('health-info', {}, undefined, once);
  const replay = await call('health-info', {}, undefined, once);
  step('a replayed token → 401 REPLAYED_TOKEN', replay.status === 401 && replay.body.error?.reason === 'REPLAYED_TOKEN', detail(replay));
  return run;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? process.env.GATEWAY_URL ?? 'http://localhost:4000';
  runExampleNational(url).then(
    (r) => process.exit(r.steps.every((s) => s.ok) ? 0 : 1),
    (err: unknown) => {
      console.error(`Could not talk to ${url}: is \`npm start\` running?`, err);
      process.exit(1);
    },
  );
}
