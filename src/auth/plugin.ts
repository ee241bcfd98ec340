import type { FastifyInstance } from 'fastify';
import { mfaRoutes } from './mfa-routes.js';
import { passwordRoutes } from './password-routes.js';
import { registrationRoutes } from './registration-routes.js';
import { sessionRoutes } from './session-routes.js';
import { settingsRoutes } from './settings-routes.js';

/** Dashboard users: /auth/* (login, sessions, passwords, registration, MFA) and /api/user/*. */
export async function authPlugin(app: FastifyInstance) {
  // In this order, /openapi.json lists them as it always has.
  await app.register(sessionRoutes);
  await app.register(passwordRoutes);
  await app.register(registrationRoutes);
  await app.register(settingsRoutes);
  await app.register(mfaRoutes);
}
