// A project's environment: the closed vocabulary, in one place (values, TypeBox schema, type).
// test/architecture.test.ts fails on these words as literals anywhere else in src/.
import { Type } from 'typebox';

export const ENVIRONMENTS = ['production', 'staging', 'development'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const EnvironmentSchema = Type.Union([Type.Literal('production'), Type.Literal('staging'), Type.Literal('development')]);

/** By name, for code that means one of them: `ENV.production`. */
export const ENV = { production: 'production', staging: 'staging', development: 'development' } as const satisfies Record<Environment, Environment>;

export const isEnvironment = (v: unknown): v is Environment => (ENVIRONMENTS as readonly unknown[]).includes(v);
