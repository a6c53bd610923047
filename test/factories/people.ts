import { randomInt } from 'node:crypto';
import { residentIdCheckCharacter } from '../../common/domain/documents/index.js';

/** An adult's birth date, 1960–1999, so that two residents a test makes rarely share a number. */
function randomAdultBirthDate(): string {
  const from = Date.UTC(1960, 0, 1);
  const to = Date.UTC(1999, 11, 31);
  return new Date(from + randomInt(0, Math.floor((to - from) / 864e5)) * 864e5).toISOString().slice(0, 10);
}

/**
 * A valid Guangxi resident ID for the given birth date and region. Without a birth date it draws
 * one: with only 1,000 sequence numbers per day, a fixed date made two residents of one test file
 * the same person about once in five runs.
 */
export function residentId(opts: { birthDate?: string; region?: string; sequence?: number } = {}): string {
  const birth = (opts.birthDate ?? randomAdultBirthDate()).replaceAll('-', '');
  const seq = String(opts.sequence ?? randomInt(0, 1000)).padStart(3, '0');
  const first17 = `${opts.region ?? '450103'}${birth}${seq}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id.at(-1)!;
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

export function registerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '李明', documentNumber: residentId(), phone: '13800771234', region: '450103', address: '青秀区民族大道 100 号', ...overrides };
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      created
      person { id displayName maskedDocumentNumber documentType sex birthDate age region { code name } }
    }
  }
`;

export const ADD_DEPENDENT = /* GraphQL */ `
  mutation Add($input: AddDependentInput!) {
    addDependent(input: $input) { created linked dependent { id displayName } guardian { id } }
  }
`;

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitDeclarationInput!) {
    submitDeclaration(input: $input) {
      declaration { id date version temperature normal symptoms submittedByRelation submittedBy { id } channel { code name } }
      person { id }
    }
  }
`;

export function dependentInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '李奶奶',
    documentNumber: residentId({ birthDate: '1940-05-01', sequence: 202 }),
    relation: 'GRANDPARENT',
    coResident: true,
    ...overrides,
  };
}
