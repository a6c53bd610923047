/**
 * How a channel checked that its signed-in user holds the document they register with (实名核验),
 * weakest first: the order is the level (1, 2, 3). The graph cannot check any of it itself; it
 * records what the channel asserts and lets the authority require a level (docs/channels.md).
 */
export const VERIFICATION_METHODS = ['DOCUMENT', 'CARRIER', 'FACE'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** What a second channel must assert to bind a registered person: a method, or whatever the first binding asserted. */
export const BINDING_POLICIES = ['FIRST_BINDING', ...VERIFICATION_METHODS] as const;
export type BindingPolicy = (typeof BINDING_POLICIES)[number];
