// loadConfig refuses a bad value by naming the variable and what it accepts, and reports a
// variable that looks like a misspelling of one of ours instead of ignoring it silently.
import { describe, expect, it } from 'vitest';
import { loadConfig, misspelledVariables } from '../../src/config.js';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('configuration', () => {
  it('names the likely intended variable for a misspelled one', () => {
    const w = loadConfig({ VAULT_WORKER: '2', DATA_DIRR: '/tmp/x', PROT: '9000' }).warnings;
    expect(w).toEqual([
      'VAULT_WORKER is not a vault variable and is ignored; did you mean VAULT_WORKERS?',
      'DATA_DIRR is not a vault variable and is ignored; did you mean DATA_DIR?',
      'PROT is not a vault variable and is ignored; did you mean PORT?',
    ]);
    expect(misspelledVariables({ VAULT_SOMETHING: '1' })[0]).toMatch(/^VAULT_SOMETHING is not a vault variable/);
  });

  it('leaves variables that are not ours alone', () => {
    const env = { PATH: '/bin', HOME: '/root', PGPORT: '5432', HOSTNAME: 'x', TERM: 'xterm', NODE_OPTIONS: '', USER: 'root', LANG: 'C', npm_config_cache: '/x', PORT: '1', HOST: 'localhost' };
    expect(misspelledVariables(env)).toEqual([]);
  });

  it('PORT and METRICS_PORT out of range name the variable and the range', () => {
    expect(() => loadConfig({ PORT: '99999' })).toThrow('PORT must be a port number, 1–65535 (got "99999")');
    expect(() => loadConfig({ PORT: 'http' })).toThrow('PORT must be a port number');
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow('METRICS_PORT must be a port number, 0–65535');
    expect(loadConfig({ METRICS_PORT: '0', PORT: '65535' }).port).toBe(65535);
  });

  it('LOG_LEVEL names the allowed levels', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).vault.logLevel).toBe('debug');
  });

  it('NODE_ENV=production refuses the development key file and says what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/must not keep its master key next to its data.*VAULT_MASTER_KEYS.*VAULT_KEK_PROVIDER=pkcs11/);
    expect(loadConfig({ NODE_ENV: 'production', VAULT_MASTER_KEYS: KEY }).keys.masterKeys).toHaveLength(1);
    expect(() => loadConfig({ NODE_ENV: 'development' })).not.toThrow();
  });
});
