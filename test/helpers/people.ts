import { randomUUID } from 'node:crypto';
import { REGISTER, registerInput, residentId } from '../factories/people.js';
import type { Caller, DevKey, TestStack } from './stack.js';

export interface Resident {
  id: string;
  caller: Caller;
}

/** Registers a fresh resident through a channel and answers their id and a caller acting as them. */
export async function newResident(t: TestStack, channel: DevKey = 'dev-channel-wechat-zzg', overrides: Record<string, unknown> = {}): Promise<Resident> {
  const caller = t.as(channel, `user-${randomUUID()}`);
  const res = await t.gql<{ registerPerson: { person: { id: string } } }>(caller, REGISTER, {
    input: registerInput({ documentNumber: residentId(), ...overrides }),
  });
  if (res.errors) throw new Error(`registration failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data!.registerPerson.person.id, caller };
}
