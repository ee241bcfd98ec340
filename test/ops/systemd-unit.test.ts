// deploy/open-vault.service (issue 29 item 7): systemd itself accepts it, and the hardening the
// production checklist promises is in it. `systemd-analyze` is Debian's systemd package.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const UNIT = path.join(import.meta.dirname, '../../deploy/open-vault.service');
const text = readFileSync(UNIT, 'utf8');
const directives = new Map(
  text.split('\n').filter((l) => /^[A-Za-z]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
);

describe('the systemd unit', () => {
  it('systemd-analyze verify accepts it without a warning', () => {
    const which = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' });
    expect(which.stdout.trim(), 'systemd-analyze is missing: apt-get install -y systemd').not.toBe('');
    const run = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr.trim()).toBe('');
  });

  it('has the hardening of the production checklist', () => {
    expect(Object.fromEntries([...directives].filter(([k]) => [
      'NoNewPrivileges', 'ProtectSystem', 'ReadWritePaths', 'PrivateTmp', 'ProtectHome', 'CapabilityBoundingSet',
      'RestrictAddressFamilies', 'SystemCallFilter', 'LimitNOFILE', 'KillMode',
    ].includes(k)))).toEqual({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ReadWritePaths: '/var/lib/open-vault',
      PrivateTmp: 'yes',
      ProtectHome: 'yes',
      CapabilityBoundingSet: '',
      RestrictAddressFamilies: 'AF_UNIX AF_INET AF_INET6',
      SystemCallFilter: '@system-service',
      LimitNOFILE: '65536',
      KillMode: 'mixed',
    });
    // The one writable path is the data directory the vault is given.
    expect(directives.get('Environment')).toBe(`DATA_DIR=${directives.get('ReadWritePaths')}`);
    // V8's JIT needs writable-then-executable memory: the unit must not turn that off.
    expect(directives.has('MemoryDenyWriteExecute')).toBe(false);
    // The stop timeout outlasts the default drain bound (30 s).
    expect(Number(directives.get('TimeoutStopSec'))).toBeGreaterThan(30);
  });
});
