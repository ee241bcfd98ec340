// A two-node PostgreSQL 15 cluster with a synchronous standby, managed by Debian's Patroni in its
// Raft mode (a third Raft voter, patroni_raft_controller, keeps a quorum when one node is down),
// behind HAProxy routing to whichever node Patroni's REST API calls the primary: the standard
// deployment of docs/operations.md, on loopback ports with everything under one temp directory.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDebianPackages } from '../support/debian.js';
import { freePort, killTree, sleep } from '../support/vault-process.js';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export function ensureHaPackages() {
  ensureDebianPackages([
    { file: '/usr/bin/patroni', pkg: 'patroni' },
    { file: '/usr/bin/patroni_raft_controller', pkg: 'patroni' },
    // Patroni's Raft mode (no etcd): Debian's patroni takes any one DCS client, so name this one.
    { file: '/usr/lib/python3/dist-packages/pysyncobj/__init__.py', pkg: 'python3-pysyncobj' },
    { file: '/usr/sbin/haproxy', pkg: 'haproxy' },
    { file: `${PG_BIN}/postgres`, pkg: 'postgresql-15' },
  ]);
}

export interface Node {
  name: string;
  pgPort: number;
  restPort: number;
  dataDir: string;
  patroni: ChildProcess;
}

interface Member {
  name: string;
  role: string;
  state: string;
}

export interface Cluster {
  dir: string;
  nodes: Node[];
  /** The URL applications use: HAProxy, always the primary. */
  url(user: string, password: string, db: string): string;
  superuserUrl(db?: string): string;
  members(): Promise<Member[]>;
  /** Waits for a running leader and a streaming synchronous standby; returns the leader's name. */
  waitHealthy(timeoutMs: number): Promise<string>;
  /** kill -9 of a node's postmaster (its backends follow it). */
  killPostgres(name: string): void;
  stop(): Promise<void>;
}

function postgresIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vault-ha-'));
  const { uid, gid } = postgresIds();
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
  const superPw = randomBytes(18).toString('base64url');
  const replPw = randomBytes(18).toString('base64url');
  const [p1, p2, r1, r2, t1, t2, t3, hp] = await Promise.all(Array.from({ length: 8 }, freePort));
  const raftAddrs = [t1, t2, t3].map((t) => `127.0.0.1:${t}`);
  const children: ChildProcess[] = [];

  const asPostgres = (cmd: string, args: string[], log: string) => {
    const fd = openSync(path.join(dir, log), 'a');
    chownSync(path.join(dir, log), uid, gid);
    const child = spawn(cmd, args, {
      uid, gid, cwd: dir, stdio: ['ignore', fd, fd],
      env: { PATH: `${PG_BIN}:/usr/bin:/bin`, HOME: dir, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    });
    children.push(child);
    return child;
  };

  const config = (name: string, pgPort: number, restPort: number, raftIndex: number) => ({
    scope: 'vault',
    name,
    log: { level: 'INFO' },
    restapi: { listen: `127.0.0.1:${restPort}`, connect_address: `127.0.0.1:${restPort}` },
    raft: {
      data_dir: path.join(dir, `raft-${name}`),
      self_addr: raftAddrs[raftIndex],
      partner_addrs: raftAddrs.filter((_, i) => i !== raftIndex),
    },
    bootstrap: {
      dcs: {
        // Fast detection for the test; production keeps Patroni's defaults (30 / 10 / 10).
        ttl: 20,
        loop_wait: 1,
        retry_timeout: 5,
        // A crashed primary is failed over at once instead of restarted in place.
        primary_start_timeout: 0,
        // A commit returns only once the synchronous standby has it; only that standby may be
        // promoted, so a failover loses nothing acknowledged.
        synchronous_mode: true,
        maximum_lag_on_failover: 1048576,
        postgresql: {
          use_pg_rewind: true,
          parameters: { wal_level: 'replica', hot_standby: 'on', wal_log_hints: 'on', max_wal_senders: 10, max_replication_slots: 10, max_connections: 200 },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }],
    },
    postgresql: {
      listen: `127.0.0.1:${pgPort}`,
      connect_address: `127.0.0.1:${pgPort}`,
      data_dir: path.join(dir, `pg-${name}`),
      bin_dir: PG_BIN,
      pgpass: path.join(dir, `pgpass-${name}`),
      authentication: {
        superuser: { username: 'postgres', password: superPw },
        replication: { username: 'replicator', password: replPw },
      },
      parameters: { unix_socket_directories: dir, shared_buffers: '128MB' },
      pg_hba: [
        'local all all trust',
        'host replication replicator 127.0.0.1/32 scram-sha-256',
        'host all all 127.0.0.1/32 scram-sha-256',
      ],
    },
  });

  const nodes: Node[] = [];
  const defs = [
    { name: 'pg1', pgPort: p1, restPort: r1 },
    { name: 'pg2', pgPort: p2, restPort: r2 },
  ];
  defs.forEach((d, i) => {
    const file = path.join(dir, `${d.name}.yml`);
    // JSON is YAML.
    writeFileSync(file, JSON.stringify(config(d.name, d.pgPort, d.restPort, i), null, 2));
    chownSync(file, uid, gid);
    mkdirSync(path.join(dir, `raft-${d.name}`));
    chownSync(path.join(dir, `raft-${d.name}`), uid, gid);
    nodes.push({ ...d, dataDir: path.join(dir, `pg-${d.name}`), patroni: asPostgres('/usr/bin/patroni', [file], `${d.name}.log`) });
  });
  // The witness: a Raft voter without PostgreSQL.
  const witness = path.join(dir, 'witness.yml');
  mkdirSync(path.join(dir, 'raft-witness'));
  chownSync(path.join(dir, 'raft-witness'), uid, gid);
  writeFileSync(witness, JSON.stringify({ raft: { data_dir: path.join(dir, 'raft-witness'), self_addr: raftAddrs[2], partner_addrs: raftAddrs.slice(0, 2) } }));
  chownSync(witness, uid, gid);
  asPostgres('/usr/bin/patroni_raft_controller', [witness], 'witness.log');

  const haproxyCfg = path.join(dir, 'haproxy.cfg');
  writeFileSync(haproxyCfg, haproxyConfig(hp, nodes));
  const haproxy = spawn('/usr/sbin/haproxy', ['-f', haproxyCfg, '-db'], { stdio: ['ignore', openSync(path.join(dir, 'haproxy.log'), 'a'), openSync(path.join(dir, 'haproxy.log'), 'a')] });
  children.push(haproxy);

  const members = async (): Promise<Member[]> => {
    for (const n of nodes) {
      try {
        const r = await fetch(`http://127.0.0.1:${n.restPort}/cluster`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) return ((await r.json()) as { members: Member[] }).members;
      } catch {
        /* that node's API is down: ask the other */
      }
    }
    return [];
  };

  return {
    dir,
    nodes,
    url: (user, password, db) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${hp}/${db}`,
    superuserUrl: (db = 'postgres') => `postgres://postgres:${encodeURIComponent(superPw)}@127.0.0.1:${hp}/${db}`,
    members,
    async waitHealthy(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const m = await members();
        const leader = m.find((x) => x.role === 'leader' && x.state === 'running');
        const sync = m.find((x) => x.role === 'sync_standby' && (x.state === 'streaming' || x.state === 'running'));
        if (leader && sync) return leader.name;
        await sleep(250);
      }
      throw new Error(`the cluster did not become healthy: ${JSON.stringify(await members())}\n${tail(dir)}`);
    },
    killPostgres(name) {
      const node = nodes.find((n) => n.name === name)!;
      const pid = Number(readFileSync(path.join(node.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
    },
    async stop() {
      // Patroni first, so it does not restart the PostgreSQL it manages; then everything left.
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      await sleep(3000);
      for (const c of children) if (c.pid) killTree(c.pid);
      for (const n of nodes) {
        try {
          const pid = Number(readFileSync(path.join(n.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
          killTree(pid);
        } catch {
          /* not running */
        }
      }
      await sleep(500);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Routes to the node whose Patroni answers 200 on /primary; drops sessions to a node marked down. */
function haproxyConfig(port: number, nodes: { name: string; pgPort: number; restPort: number }[]) {
  return `global
  maxconn 1000
defaults
  mode tcp
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 2s
listen vault_primary
  bind 127.0.0.1:${port}
  option httpchk OPTIONS /primary
  http-check expect status 200
  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
${nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.pgPort} maxconn 300 check port ${n.restPort}`).join('\n')}
`;
}

function tail(dir: string): string {
  return ['pg1.log', 'pg2.log']
    .map((f) => {
      try {
        return `--- ${f}\n` + readFileSync(path.join(dir, f), 'utf8').split('\n').slice(-15).join('\n');
      } catch {
        return '';
      }
    })
    .join('\n');
}
