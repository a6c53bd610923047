import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries, whichever logger writes it. */
export interface RequestScope {
  requestId: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being served here, if any. */
export const currentRequestId = (): string | undefined => requestScope.getStore()?.requestId;
