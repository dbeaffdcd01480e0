// The units: HTTP only; the rules (scope, county, technician) are in units.service.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/schemas/common.js';
import { UnitDetailResponse } from '../../../shared/schemas/unit-detail.js';
import { AssignResult, AssignUnits, CreateUnit, PatchUnit, UnitList, UnitListQuery, UnitResponse } from '../../../shared/schemas/units.js';
import { actorOf } from '../../lib/actor.js';
import * as units from './units.service.js';

const tags = ['units'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.post('/api/units', { schema: { tags, body: CreateUnit, response: { 201: UnitResponse } } }, async (req, reply) =>
    reply.code(201).send({ unit: await units.createUnit(db, actorOf(req), req.body) }),
  );

  app.get('/api/units', { schema: { tags, querystring: UnitListQuery, response: { 200: UnitList } } }, async (req) => units.listUnitsFor(db, actorOf(req), req.query));

  app.post('/api/units/assign', { schema: { tags, body: AssignUnits, response: { 200: AssignResult } } }, async (req) => units.assign(db, actorOf(req), req.body));

  app.get('/api/units/:id', { schema: { tags, params: IdParams, response: { 200: UnitDetailResponse } } }, async (req) => ({
    unit: await units.getUnit(db, actorOf(req), req.params.id),
  }));

  app.patch('/api/units/:id', { schema: { tags, params: IdParams, body: PatchUnit, response: { 200: UnitResponse } } }, async (req) => ({
    unit: await units.patchUnit(db, actorOf(req), req.params.id, req.body),
  }));
};
export default routes;
