// A valid body for each write route of the bad-input fuzz, or near enough, for fast-check to
// mutate (fuzz/mutations.ts): so that most runs get past validation into the handler. Built from
// the file's app (bad-input.kit.ts), so called once its set-up has run.
import fc from 'fast-check';
import { PASSWORD } from '../helpers/app.js';
import { BODIES } from '../helpers/steps.js';
import { json, LOOK_ALIKE_NAMES, lookAlikes, XML_FORBIDDEN, type Payload } from './fuzz/mutations.js';
import { CLIENT_EVENT_IDS, NOBODY, PARENT, technician, unitCodes, unitIds, viewer } from './bad-input.kit.js';

const pastIso = fc.integer({ min: 60_000, max: 30 * 86_400_000 }).map((ago) => new Date(Date.now() - ago).toISOString());
const futureDate = fc.integer({ min: 1, max: 400 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
const name = fc.oneof(
  fc.constantFrom('县委办', '城关镇', '财政局', 'Bureau of Works'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
  // what a workbook's XML cannot carry, inside an otherwise ordinary name
  fc.tuple(fc.constantFrom('县委', '城关'), fc.constantFrom(...XML_FORBIDDEN)).map(([a, c]) => `${a}${c}办`),
  fc.constantFrom(...LOOK_ALIKE_NAMES),
);
// sometimes a look-alike of a name already taken: full width, other case, decomposed, final sigma, dotted İ
const username = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9._@-]{1,20}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...LOOK_ALIKE_NAMES.filter((n) => n.length >= 2)) },
);

/** A valid body for each write route, or near enough: some refusals (a taken code, a step out of order) come from the handler. */
export function seeds(): Record<string, fc.Arbitrary<Payload>> {
  // sometimes a code that is taken: a 409 from the handler
  // sometimes a code that is taken: a 409 from the handler; or one that only looks like it
  const code = fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9._-]{2,11}$/) },
    { weight: 1, arbitrary: fc.constantFrom(...unitCodes) },
    { weight: 1, arbitrary: fc.constantFrom(...unitCodes.flatMap(lookAlikes)) },
  );
  const unitFields = {
    code,
    name,
    kind: fc.constantFrom('township', 'department', 'other'),
    parentCode: fc.constantFrom(PARENT, 'P-OTHER', null),
    contactName: fc.constantFrom('王科长', null),
    contactPhone: fc.constantFrom('0571-8888 1234', '+86 138 0000 0000', null),
    address: fc.constantFrom('县政府大院3号楼', null),
    wiringDue: fc.oneof(futureDate, fc.constant(null)),
    connectionDue: fc.oneof(futureDate, fc.constant(null)),
    assigneeId: fc.constantFrom(technician.user.id, null),
    // two counties of 陇南市, and none (on create: derived)
    areaCode: fc.constantFrom('621223', '621202', null),
  };
  const step = fc
    .tuple(fc.constantFrom(...Object.values(BODIES)), fc.option(pastIso, { nil: undefined }), fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...CLIENT_EVENT_IDS) }, { weight: 1, arbitrary: fc.uuid() }))
    .map(([body, occurredAt, clientEventId]) => ({ ...body, ...(occurredAt ? { occurredAt } : {}), ...(clientEventId ? { clientEventId } : {}) }));
  const csvRow = fc.record({ code, name: fc.constantFrom('县委办', '城关镇'), kind: fc.constantFrom('township', 'department', '乡镇', '部门') });
  const csv = fc
    .tuple(fc.constantFrom('code,name,kind', '编码,名称,类型,上级编码,负责技术员', 'code,name,kind,unused'), fc.array(csvRow, { minLength: 1, maxLength: 3 }))
    .map(([header, list]) => [header, ...list.map((r) => (header.startsWith('编码') ? `${r.code},${r.name},${r.kind},${PARENT},${technician.user.username}` : `${r.code},${r.name},${r.kind}${header.endsWith('unused') ? ',x' : ''}`))].join('\n'));
  return {
    'POST /api/auth/login': fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom({ username: viewer.user.username, password: PASSWORD }, ...lookAlikes(viewer.user.username).map((u) => ({ username: u, password: PASSWORD }))) },
      { weight: 1, arbitrary: fc.constant({ username: NOBODY, password: 'wrong password' }) },
    ).map((b) => json(b)),
    'POST /api/auth/logout': fc.constant(json({})),
    // a wrong current password is a failed login for the caller's name (tables.ts allows its row)
    'POST /api/auth/password': fc
      .oneof(fc.constant({ currentPassword: PASSWORD, newPassword: 'another one 2' }), fc.constant({ currentPassword: 'not the password', newPassword: 'long enough 1' }))
      .map((b) => json(b)),
    'POST /api/users': fc
      .oneof(
        fc.record({ username, displayName: name, role: fc.constantFrom('office', 'technician', 'viewer'), password: fc.constant('long enough 1') }),
        fc.record({ username, displayName: name, role: fc.constant('unit'), password: fc.constant('long enough 1'), unitId: fc.constantFrom(...unitIds) }),
        fc.record({ username: fc.constantFrom(...lookAlikes(viewer.user.username)), displayName: name, role: fc.constant('viewer'), password: fc.constant('long enough 1') }),
      )
      .map((b) => json(b)),
    'PATCH /api/users/:id': fc
      .oneof(
        fc.record({ displayName: name }),
        fc.record({ role: fc.constantFrom('office', 'technician', 'viewer') }),
        fc.record({ role: fc.constant('unit'), unitId: fc.constantFrom(...unitIds) }),
        fc.record({ password: fc.constant('another one 2') }),
        fc.record({ disabled: fc.boolean() }),
        fc.constant({}),
      )
      .map((b) => json(b)),
    'POST /api/units': fc.record(unitFields, { requiredKeys: ['code', 'name', 'kind'] }).map((b) => json(b)),
    'PATCH /api/units/:id': fc.record(unitFields, { requiredKeys: [] }).map((b) => json(b)),
    'POST /api/units/import': fc
      .tuple(csv, fc.constantFrom('', '', '?dryRun=true', '?dryRun=false'))
      .map(([text, query]) => ({ body: text, payload: text, contentType: 'text/csv', query })),
    'POST /api/units/assign': fc
      .oneof(
        fc.record({ technicianId: fc.constantFrom(technician.user.id, null), unitIds: fc.subarray(unitIds, { minLength: 1 }) }),
        fc.record({ technicianId: fc.constantFrom(technician.user.id, null), parentCode: fc.constant(PARENT) }),
      )
      .map((b) => json(b)),
    'POST /api/units/:id/events': step.map((b) => json(b)),
    'POST /api/events/:id/void': fc.constantFrom({ reason: '录错了单位' }, { reason: 'mistake' }).map((b) => json(b)),
    'POST /api/units/:id/notices': fc.record({ respondBy: fc.option(futureDate.filter((d) => d <= new Date(Date.now() + 80 * 86_400_000).toISOString().slice(0, 10)), { nil: undefined }), note: fc.option(name, { nil: undefined }) }, { requiredKeys: [] }).map((b) => json(b)),
    'POST /api/notices/batch': fc.record({ category: fc.constantFrom('refused_wiring', 'stalled', undefined), parentCode: fc.constantFrom(PARENT, undefined), note: fc.option(name, { nil: undefined }) }, { requiredKeys: [] }).map((b) => json(b)),
    'POST /api/notices/:id/answer': fc.record({ text: name }).map((b) => json(b)),
    'POST /api/notices/:id/withdraw': fc.record({ reason: fc.constantFrom('发错了单位', 'issued by mistake') }).map((b) => json(b)),
    'POST /api/bulletins': fc.record({ category: fc.constantFrom('refused_wiring', 'stalled', undefined), parentCode: fc.constantFrom(PARENT, undefined), q: fc.option(name, { nil: undefined }) }, { requiredKeys: [] }).map((b) => json(b)),
    // 督办 to an area: the path's code is fuzzed (a unit id names no area: 404 from the handler)
    'POST /api/areas/:code/notices': fc.record({ respondBy: fc.option(futureDate.filter((d) => d <= new Date(Date.now() + 80 * 86_400_000).toISOString().slice(0, 10)), { nil: undefined }), note: fc.option(name, { nil: undefined }) }, { requiredKeys: [] }).map((b) => json(b)),
    'PUT /api/settings/help': fc
      .tuple(
        fc.constantFrom('', '', '?area=621223', '?area=6212'),
        fc.record({ platformUrl: fc.constantFrom('https://zwfw.gansu.gov.cn/apply', 'http://10.0.0.1/reg', null), helpdeskPhone: fc.constantFrom('0939-5521234', '+86 138 0000 0000', null) }),
      )
      .map(([query, b]) => ({ ...json(b), query })),
    'POST /api/display-links': fc
      .record({ label: name, area: fc.constantFrom('621223', '6212', undefined), expiresInDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }) }, { requiredKeys: ['label'] })
      .map((b) => json(b)),
    'POST /api/display-links/:id/revoke': fc.constant(json({})),
    // training: a unit's IT backbone, trainings, attendance, report-backs and their review
    'POST /api/units/:id/backbones': fc
      .record({ kind: fc.constantFrom('primary', 'deputy'), name, post: fc.option(fc.constantFrom('网管', '办公室主任'), { nil: undefined }), phone: fc.option(fc.constantFrom('0939-5521234', '13800000000'), { nil: undefined }), since: fc.option(pastIso.map((d) => d.slice(0, 10)), { nil: undefined }) }, { requiredKeys: ['kind', 'name'] })
      .map((b) => json(b)),
    'POST /api/trainings': fc
      .record({
        title: name,
        topics: fc.subarray(['network', 'office_automation', 'security', 'other'], { minLength: 1 }),
        organiser: fc.constantFrom('县委网信办', '县政府办'),
        trainer: fc.option(fc.constantFrom('李工', 'Trainer'), { nil: undefined }),
        venue: fc.constantFrom('县政府大院3号楼会议室', 'Room 1'),
        start: fc.integer({ min: -5, max: 60 }),
        hours: fc.integer({ min: 1, max: 8 }),
        required: fc.oneof(fc.record({ kinds: fc.subarray(['township', 'department', 'other'], { minLength: 1 }) }), fc.record({ unitIds: fc.subarray(unitIds, { minLength: 1 }) })),
      })
      .map(({ start, hours, ...b }) => {
        const startsAt = new Date(Date.now() + start * 86_400_000);
        return json({ ...b, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString() });
      }),
    'PATCH /api/trainings/:id': fc
      .record({ title: name, venue: fc.constantFrom('县政府大院3号楼会议室', 'Room 2'), trainer: fc.constantFrom('王工', 'Trainer') }, { requiredKeys: [] })
      .map((b) => json(b)),
    'POST /api/trainings/:id/sign-in': fc
      .record({ code: fc.stringMatching(/^[0-9]{6}$/), unitId: fc.option(fc.constantFrom(...unitIds), { nil: undefined }), attendee: fc.option(fc.constantFrom('张三', 'Li Si'), { nil: undefined }) }, { requiredKeys: ['code'] })
      .map((b) => json(b)),
    'POST /api/trainings/:id/attendance': fc
      .record({ unitId: fc.constantFrom(...unitIds), status: fc.constantFrom('attended', 'absent', 'excused'), attendee: fc.option(fc.constantFrom('张三', 'Li Si'), { nil: undefined }), reason: fc.option(fc.constantFrom('病假', 'away'), { nil: undefined }), method: fc.option(fc.constantFrom('office', 'sheet'), { nil: undefined }) }, { requiredKeys: ['unitId', 'status'] })
      .map((b) => json(b)),
    'POST /api/trainings/:id/close': fc.constant(json({})),
    'POST /api/trainings/:id/report-backs': fc
      .record({ unitId: fc.constantFrom(...unitIds), reportedOn: pastIso.map((d) => d.slice(0, 10)), leader: fc.constantFrom('局长', '镇长'), form: fc.constantFrom('meeting', 'written', 'other'), colleaguesReached: fc.integer({ min: 0, max: 200 }), summary: name })
      .map((b) => json(b)),
    'POST /api/report-backs/:id/review': fc
      .oneof(fc.constant({ decision: 'accepted' }), fc.record({ decision: fc.constant('returned'), reason: fc.constantFrom('请补充参会人数', 'too short') }))
      .map((b) => json(b)),
    'PUT /api/settings': fc.oneof(
      fc
        .record({
          // a zone JavaScript knows and the database may not (US/Pacific-New: tzdata dropped it), one
          // whose midnight daylight saving skips
          timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'Etc/GMT-8', 'Asia/Urumqi', 'US/Pacific-New', 'Africa/Cairo'),
          wiringDue: fc.oneof(futureDate, fc.constant(null)),
          connectionDue: fc.oneof(futureDate, fc.constant(null)),
          registrationGraceDays: fc.integer({ min: 0, max: 365 }),
          stallDays: fc.integer({ min: 1, max: 365 }),
          postponementLimit: fc.integer({ min: 1, max: 100 }),
          homeArea: fc.constantFrom('621223', null, undefined),
        })
        .map((b) => json(b)),
      // an area's own deadlines (a null inherits)
      fc
        .tuple(
          fc.constantFrom('?area=62', '?area=6212', '?area=621223'),
          fc.record(
            { wiringDue: fc.oneof(futureDate, fc.constant(null)), stallDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: null }), postponementLimit: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }) },
            { requiredKeys: [] },
          ),
        )
        .map(([query, b]) => ({ ...json(b), query })),
    ),
    // channels: no sender loop runs in this app (it starts when a server listens), so nothing is sent
    'POST /api/channels': fc
      .record({
        name,
        kind: fc.constant('wecom'),
        webhookUrl: fc.constantFrom('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fuzz', 'https://oapi.dingtalk.com/robot/send?access_token=fuzz'),
        alerts: fc.subarray(['wiring_refused', 'postponement_limit', 'registration_rejected']),
        digestAt: fc.constantFrom('08:30', null),
        enabled: fc.boolean(),
      })
      .map((b) => json(b)),
    'PATCH /api/channels/:id': fc.record({ name, enabled: fc.boolean(), digestAt: fc.constantFrom('09:00', null) }, { requiredKeys: [] }).map((b) => json(b)),
    'DELETE /api/channels/:id': fc.constant(json({})),
    'POST /api/channels/:id/test': fc.constant(json({})),
  };
}
