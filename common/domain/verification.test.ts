import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../platform/config.js';

const DATA_DIR = mkdtempSync(join(tmpdir(), 'hcg-binding-'));

describe('the level a further channel must assert (CHANNEL_BINDING_MIN_VERIFICATION)', () => {
  it('is the first binding level unless the authority sets one', () => {
    expect(loadConfig({ DATA_DIR }).channelBindingMinVerification).toBe('FIRST_BINDING');
    expect(loadConfig({ DATA_DIR, CHANNEL_BINDING_MIN_VERIFICATION: 'CARRIER' }).channelBindingMinVerification).toBe('CARRIER');
  });

  it('refuses anything but a method or FIRST_BINDING at start-up, naming the setting', () => {
    expect(() => loadConfig({ DATA_DIR, CHANNEL_BINDING_MIN_VERIFICATION: 'face' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR, CHANNEL_BINDING_MIN_VERIFICATION: 'BANK_CARD' })).toThrow(/CHANNEL_BINDING_MIN_VERIFICATION/);
  });
});
