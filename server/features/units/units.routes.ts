import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { units } from '../../../db/schema/index.js';
import { initialProgress } from '../../../shared/domain/progress.js';
import { IdParams } from '../../../shared/schemas/common.js';
import { UnitDetailResponse } from '../../../shared/schemas/unit-detail.js';
import { AssignResult, AssignUnits, CreateUnit, PatchUnit, UnitList, UnitListQuery, UnitResponse } from '../../../shared/schemas/units.js';
import { recordAudit } from '../../lib/audit.js';
import { fail, isUniqueViolation } from '../../lib/errors.js';
import { assignUnits, requireTechnician } from './assign.js';
import { toUnitDetail } from './unit-detail.js';
import { findUnit, findUnitByCode, listUnits, progressColumns, toUnit } from './units.repository.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const taken = (code: string) => fail.conflict(`unit code ${code} already exists`, [{ field: 'code', message: 'already exists' }]);

  app.post('/api/units', { schema: { tags: ['units'], body: CreateUnit, response: { 201: UnitResponse } } }, async (req, reply) => {
    if (req.body.assigneeId) await requireTechnician(db, req.body.assigneeId);
    if (await findUnitByCode(db, req.body.code)) throw taken(req.body.code);
    try {
      const unit = await db.transaction(async (tx) => {
        const now = new Date();
        const [row] = await tx
          .insert(units)
          .values({ ...req.body, createdAt: now, updatedAt: now, ...progressColumns(initialProgress(now.toISOString())) })
          .returning();
        await recordAudit(tx, req, 'unit.create', row.id, { code: row.code, name: row.name });
        return row;
      });
      return reply.code(201).send({ unit: toUnit(unit) });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken(req.body.code);
      throw err;
    }
  });

  app.get('/api/units', { schema: { tags: ['units'], querystring: UnitListQuery, response: { 200: UnitList } } }, async (req) =>
    listUnits(db, { ...req.query, assignee: req.query.assignee === 'me' ? req.user!.id : req.query.assignee }),
  );

  app.post('/api/units/assign', { schema: { tags: ['units'], body: AssignUnits, response: { 200: AssignResult } } }, async (req) => {
    const { technicianId } = req.body;
    if (technicianId) await requireTechnician(db, technicianId, 'technicianId');
    return db.transaction(async (tx) => {
      const updated = await assignUnits(tx, req.body);
      await recordAudit(tx, req, 'unit.assign', technicianId, { unitIds: req.body.unitIds?.length, parentCode: req.body.parentCode, updated });
      return { updated };
    });
  });

  app.get('/api/units/:id', { schema: { tags: ['units'], params: IdParams, response: { 200: UnitDetailResponse } } }, async (req) => {
    const user = req.user!;
    if (user.role === 'unit' && user.unitId !== req.params.id) throw fail.forbidden('a unit contact may read only its own unit');
    const unit = await findUnit(db, req.params.id);
    if (!unit) throw fail.notFound('unit');
    return { unit: await toUnitDetail(db, unit) };
  });

  app.patch(
    '/api/units/:id',
    { schema: { tags: ['units'], params: IdParams, body: PatchUnit, response: { 200: UnitResponse } } },
    async (req) => {
      const current = await findUnit(db, req.params.id);
      if (!current) throw fail.notFound('unit');
      const patch = req.body;
      if (patch.assigneeId) await requireTechnician(db, patch.assigneeId);
      if (patch.code && patch.code !== current.code && (await findUnitByCode(db, patch.code))) throw taken(patch.code);
      try {
        const unit = await db.transaction(async (tx) => {
          const [row] = await tx.update(units).set({ ...patch, updatedAt: new Date() }).where(eq(units.id, current.id)).returning();
          await recordAudit(tx, req, 'unit.update', row.id, { changed: patch });
          return row;
        });
        return { unit: toUnit(unit) };
      } catch (err) {
        if (isUniqueViolation(err)) throw taken(patch.code ?? current.code);
        throw err;
      }
    },
  );
};
export default routes;
