import type { FastifyInstance } from 'fastify';
import { authRoutes } from './routes.js';
import { mfaRoutes } from '../mfa/routes.js';

/** Dashboard users: /auth/* (login, sessions, passwords, registration, MFA) and /api/user/*. */
export async function authPlugin(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(mfaRoutes);
}
