/**
 * The one clock: every rule, date and token reads time through a `Clock` handed down from the
 * process (the system clock) or a test (a clock it moves). Nothing else calls `new Date()` for "now".
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
