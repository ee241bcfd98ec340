// GET/PUT /api/user/settings (docs/api.md §4.1): the name, and where MFA enrolment starts or is cancelled.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contextOf } from '../http/context.js';
import { VaultError } from '../http/errors.js';
import { requireUser } from './guard.js';
import { BEARER, ERRORS, SettingsBody, SettingsResult } from './schemas.js';

export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = app.vault;

  app.get('/api/user/settings', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: { tags: ['user'], summary: 'Your account settings', security: BEARER, response: { 200: SettingsResult, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await auth.settings.get(req.user!.id) }));

  app.put('/api/user/settings', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: {
      tags: ['user'],
      summary: 'Change your name; enable MFA (with current_password) to get a TOTP URI and 10 backup codes',
      security: BEARER,
      body: SettingsBody,
      response: { 200: SettingsResult, ...ERRORS },
    },
  }, async (req) => {
    const u = req.user!;
    const ctx = contextOf(req);
    const { name, mfa_enabled, current_password } = req.body;
    let enrolment: { totp_uri: string; backup_codes: string[] } | null = null;
    if (mfa_enabled !== undefined && mfa_enabled !== u.mfaEnabled) {
      if (mfa_enabled) {
        if (!current_password) throw new VaultError('mfa_enable_needs_password');
        enrolment = await auth.mfa.startEnrolment(u, current_password, ctx);
      } else if (u.mfaEnabled) {
        throw new VaultError('mfa_disable_elsewhere');
      }
    } else if (mfa_enabled === false && u.mfaPending) {
      await auth.mfa.cancelEnrolment(u, ctx);
    }
    if (name !== undefined) await auth.settings.updateName(u.id, name, ctx);
    const s = await auth.settings.get(u.id);
    return { success: true as const, data: enrolment ? { ...s, ...enrolment } : s };
  });
}
