// Training the units' IT backbone: HTTP only; the rules are in training.service.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { trainingApi as api } from '../../../shared/api/training.js';
import { actorOf } from '../../lib/actor.js';
import { clientIp } from '../../lib/ip.js';
import { route } from '../../lib/route.js';
import { trainingReport, trainingReportOf } from './training.report.js';
import { trainingAttachment, trainingCsv, trainingXlsx } from './training.files.js';
import { XLSX_MIME } from '../../lib/sheet.js';
import * as training from './training.service.js';
import * as reportBacks from './training.report-backs.js';

/** The address the phones open: the configured public origin, else the one the office's browser used. */
function originOf(app: FastifyInstance, req: FastifyRequest): string {
  return app.config.publicOrigin ?? `${req.protocol}://${req.host}`;
}

export default async function trainingRoutes(app: FastifyInstance) {
  const { db } = app.database;

  route(app, api.backbones, async (req) => training.getBackbones(db, actorOf(req), req.params.id));
  route(app, api.nameBackbone, async (req, reply) => reply.code(201).send(await training.nameBackbone(db, actorOf(req), req.params.id, req.body)));

  route(app, api.create, async (req, reply) => reply.code(201).send({ training: await training.createTraining(db, actorOf(req), req.body) }));
  route(app, api.list, async (req) => training.listTrainings(db, actorOf(req), req.query));
  route(app, api.get, async (req) => ({ training: await training.getTraining(db, actorOf(req), req.params.id) }));
  route(app, api.patch, async (req) => ({ training: await training.patchTraining(db, actorOf(req), req.params.id, req.body) }));
  route(app, api.roster, async (req) => training.roster(db, actorOf(req), req.params.id));
  route(app, api.close, async (req) => ({ training: await training.closeTraining(db, actorOf(req), req.params.id) }));
  route(app, api.mark, async (req) => training.markAttendance(db, actorOf(req), req.params.id, req.body));

  route(app, api.signInCode, async (req) => {
    const { code, expiresAt } = await training.signInCode(db, actorOf(req), req.params.id);
    return { code, expiresAt, url: `${originOf(app, req)}/sign-in/${req.params.id}?code=${code}` };
  });
  route(app, api.signInPage, async (req) => training.signInPage(db, req.params.id));
  route(app, api.signIn, async (req) => training.signIn(db, { ip: clientIp(req), actor: req.user ? actorOf(req) : null }, req.params.id, req.body));

  route(app, api.submitReportBack, async (req, reply) => reply.code(201).send(await reportBacks.submitReportBack(db, actorOf(req), req.params.id, req.body)));
  route(app, api.report, async (req) => trainingReport(app.database.reports, actorOf(req), req.query));
  for (const [format, e] of [['csv', api.reportCsv], ['xlsx', api.reportXlsx]] as const) {
    route(app, e, async (req, reply) => {
      const { area, report } = await trainingReportOf(app.database.reports, actorOf(req), req.query);
      const where = area?.name ?? '全部地区';
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', trainingAttachment(report, where, format))
        .send(format === 'csv' ? trainingCsv(report) : trainingXlsx(report, where));
    });
  }
  route(app, api.review, async (req) => reportBacks.reviewReportBack(db, actorOf(req), req.params.id, req.body));
}
