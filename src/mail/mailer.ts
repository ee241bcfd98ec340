// Outgoing mail: nodemailer to SMTP_URL, or, with none configured, one `.eml` file per message in
// <DATA_DIR>/outbox/ (development). Message bodies carry codes and reset tokens, so nothing of a
// message is ever logged: only that a message of a given kind was sent or failed.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export class Mailer {
  private transport: Transporter;
  private outbox: string | null;

  constructor(private opts: { smtpUrl: string | null; from: string; dataDir: string }) {
    if (opts.smtpUrl) {
      this.transport = nodemailer.createTransport(opts.smtpUrl);
      this.outbox = null;
    } else {
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outbox = path.join(opts.dataDir, 'outbox');
    }
  }

  /** Sends one message; with no SMTP it resolves to the path of the written `.eml` file. */
  async send(mail: Mail): Promise<string | null> {
    const info = await this.transport.sendMail({ from: this.opts.from, to: mail.to, subject: mail.subject, text: mail.text });
    if (!this.outbox) return null;
    await mkdir(this.outbox, { recursive: true, mode: 0o700 });
    const file = path.join(this.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
    await writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    return file;
  }

  close() {
    this.transport.close();
  }
}
