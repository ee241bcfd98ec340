// One check on every request before its schema: path parameters, query values and the JSON body
// hold no text PostgreSQL cannot store and no nesting deeper than MAX_DEPTH (src/lib/text.ts).
// A route whose body carries batch items (`config.itemsCheckedAlone`) leaves `items` to its
// handler, so that one bad item fails alone.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { findBadText } from '../lib/text.js';
import { invalidFields } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    itemsCheckedAlone?: boolean;
  }
}

function check(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
  const bad =
    findBadText(req.params) ??
    findBadText(req.query) ??
    (Buffer.isBuffer(req.body) ? null : findBadText(req.body, '', req.routeOptions.config.itemsCheckedAlone ? 'items' : undefined));
  done(bad ? invalidFields([bad]) : undefined);
}

export function registerInputChecks(app: FastifyInstance) {
  app.addHook('preValidation', check);
}
