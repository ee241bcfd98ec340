// The child of test/db/zombie-restart.test.ts: starts (or joins) the embedded PostgreSQL on
// DATA_DIR the way the vault does, then inserts numbered rows one commit at a time and prints
// "ack N" only after each commit returns, until it is killed.
import pg from 'pg';
import { startEmbedded } from '../../src/db/embedded.js';

const db = await startEmbedded({ dataDir: process.env.DATA_DIR! });
const client = new pg.Client({ connectionString: db.adminUrl });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS acked (id bigint PRIMARY KEY)');
process.stdout.write(`up ${db.port} ${db.owned ? 'started' : 'joined'}\n`);
for (let id = Number(process.env.FIRST_ID); ; id++) {
  await client.query('INSERT INTO acked VALUES ($1)', [id]);
  process.stdout.write(`ack ${id}\n`);
}
