// Fills an EMPTY database with a demonstration campaign for 宕昌县: the 25 real townships,
// about 40 county departments, accounts for each role, and two months of steps ending today
// in which every kind of laggard occurs. Uses the server's configuration (DATABASE_URL or DATA_DIR).
//   npm run demo
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { count, inArray } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db, type Tx } from '../db/client.js';
import { usernameKey } from '../shared/domain/usernames.js';
import { audit, steps, units, users } from '../db/schema/index.js';
import { loadConfig } from '../server/config.js';
import * as notices from '../server/features/notices/notices.service.js';
import { writeSettings } from '../server/features/settings/settings.repository.js';
import type { Actor } from '../server/lib/actor.js';
import { progressColumns } from '../server/features/units/units.repository.js';
import { hashPassword } from '../server/lib/password.js';
import { addDays, startOfDay, today } from '../shared/domain/dates.js';
import { deriveProgress, initialProgress } from '../shared/domain/progress.js';
import { STEP_RULES, type ReasonCode, type StepType } from '../shared/domain/steps.js';

const TZ = 'Asia/Shanghai';
const PASSWORD = 'tanchang-demo-2026';

const DEPARTMENTS = [
  '县委办公室', '县人大常委会办公室', '县政府办公室', '县政协办公室', '县纪委监委', '县委组织部', '县委宣传部', '县委统战部',
  '县委政法委', '县发展和改革局', '县教育局', '县科学技术局', '县工业和信息化局', '县公安局', '县民政局', '县司法局',
  '县财政局', '县人力资源和社会保障局', '县自然资源局', '县生态环境局', '县住房和城乡建设局', '县交通运输局', '县水务局',
  '县农业农村局', '县商务局', '县文化和旅游局', '县卫生健康局', '县退役军人事务局', '县应急管理局', '县审计局',
  '县市场监督管理局', '县统计局', '县医疗保障局', '县林业和草原局', '县乡村振兴局', '县信访局', '县政务服务中心',
  '县融媒体中心', '县人民法院', '县人民检察院', '县税务局', '县气象局',
];

const REASONS: Record<ReasonCode, string> = {
  leader_absent: '主要负责同志外出，无人签字同意',
  office_renovation: '办公楼正在装修，暂不具备布线条件',
  busy_period: '年底工作任务重，请求延后',
  no_equipment_room: '单位没有机房，设备无处安放',
  cost_dispute: '对线路和设备费用分担有异议',
  security_concern: '担心接入专网影响内部网络安全',
  other: '其他原因',
};

/** What happens to one unit: steps as [type, days before today, reason code?]. */
type Plan = [StepType, number, ReasonCode?][];

const onboarded = (start: number): Plan => [
  ['wiring.scheduled', start], ['wiring.started', start - 3], ['wiring.completed', start - 5],
  ['connection.scheduled', start - 7], ['connection.started', start - 10], ['connection.completed', start - 12],
  ['registration.submitted', start - 15], ['registration.verified', start - 17],
];

/** Stories, used in turn: each shows one way a unit gets through or lags behind. */
const STORIES: Plan[] = [
  onboarded(58),
  // 拒绝布线: the office door stays shut
  [['wiring.scheduled', 40], ['wiring.refused', 34, 'security_concern']],
  onboarded(52),
  // 以种种借口拖延: postponed again and again
  [['wiring.scheduled', 50], ['wiring.postponed', 45, 'leader_absent'], ['wiring.scheduled', 38], ['wiring.postponed', 30, 'busy_period']],
  // 接入后不及时申报
  [['wiring.started', 45], ['wiring.completed', 40], ['connection.started', 30], ['connection.completed', 24]],
  // wiring done, connection past its due date
  [['wiring.scheduled', 40], ['wiring.started', 36], ['wiring.completed', 30], ['connection.scheduled', 20]],
  // wiring never started, past its due date
  [['wiring.scheduled', 35]],
  // stalled: started and left
  [['wiring.scheduled', 44], ['wiring.started', 28]],
  onboarded(46),
  // awaiting the office's review
  [['wiring.completed', 30], ['connection.started', 20], ['connection.completed', 12], ['registration.submitted', 5]],
  // rejected registration, not resubmitted
  [['wiring.completed', 40], ['connection.completed', 30], ['registration.submitted', 26], ['registration.rejected', 22]],
  // connection postponed twice
  [['wiring.completed', 42], ['connection.scheduled', 38], ['connection.postponed', 33, 'no_equipment_room'], ['connection.scheduled', 25], ['connection.postponed', 19, 'cost_dispute']],
  onboarded(40),
  // connection tests failing, then quiet
  [['wiring.completed', 44], ['connection.started', 36], ['connection.test_failed', 33], ['connection.test_failed', 18]],
  // refused after a postponement
  [['wiring.postponed', 48, 'office_renovation'], ['wiring.scheduled', 30], ['wiring.refused', 9, 'cost_dispute']],
  onboarded(34),
  // on track
  [['wiring.completed', 12], ['connection.scheduled', 2]],
  onboarded(28),
];

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database, config.databaseUrl);
    const { db } = database;
    const [{ n }] = await db.select({ n: count() }).from(units);
    if (n > 0) {
      console.error(`The database already holds ${n} units: the demo fills only an empty database. Nothing was changed.`);
      process.exitCode = 1;
      return;
    }
    const [{ n: people }] = await db.select({ n: count() }).from(users);

    const day0 = today(TZ);
    await writeSettings(db, {
      timezone: TZ,
      wiringDue: addDays(day0, -25),
      connectionDue: addDays(day0, -5),
      registrationGraceDays: 7,
      stallDays: 14,
      postponementLimit: 2,
    });

    const townships = (parse(readFileSync(new URL('../data/tanchang-townships.csv', import.meta.url)), { columns: true, bom: true }) as { code: string; name: string }[]).map(
      (t) => ({ code: t.code, name: `${t.name}人民政府`, kind: 'township' as const, parentCode: '621223' }),
    );
    const departments = DEPARTMENTS.map((name, i) => ({ code: `621223D${String(i + 1).padStart(2, '0')}`, name, kind: 'department' as const, parentCode: '621223' }));
    const all = [...townships, ...departments];

    const passwordHash = await hashPassword(PASSWORD, config.passwordCost);
    const [technician] = await db
      .insert(users)
      .values([
        { username: 'tech01', usernameKey: 'tech01', displayName: '电信局 王师傅', role: 'technician' as const, passwordHash },
        { username: 'tech02', usernameKey: 'tech02', displayName: '电信局 李师傅', role: 'technician' as const, passwordHash },
        { username: 'tech03', usernameKey: 'tech03', displayName: '电信局 赵师傅', role: 'technician' as const, passwordHash },
      ])
      .returning();
    const staff = [{ username: 'zfb01', usernameKey: 'zfb01', displayName: '政府办 张科长', role: 'office' as const, passwordHash }, { username: 'leader01', usernameKey: 'leader01', displayName: '分管副县长', role: 'viewer' as const, passwordHash }];
    const [office] = await db.insert(users).values(staff).returning();

    const now = Date.now();
    const unitAccounts: string[] = [];
    for (const [i, unit] of all.entries()) {
      const plan = STORIES[i % STORIES.length];
      await db.transaction(async (tx: Tx) => {
        const createdAt = new Date(startOfDay(addDays(day0, -60), TZ).getTime() + i * 60_000);
        const facts = plan.map(([type, daysAgo, reasonCode], k) => {
          // during office hours on that day, a little later for each step of the day; never in the future
          const at = Math.min(now - 60_000, startOfDay(addDays(day0, -daysAgo), TZ).getTime() + (9 * 60 + ((i * 37 + k * 53) % 420)) * 60_000);
          const rule = STEP_RULES[type];
          const data: Record<string, string> = {};
          if ((rule.required as readonly string[]).includes('plannedDate')) data.plannedDate = addDays(day0, -daysAgo + 5);
          if (reasonCode) Object.assign(data, { reason: REASONS[reasonCode], reasonCode });
          else if ((rule.required as readonly string[]).includes('reason')) data.reason = '申报材料不完整，请补充单位公章';
          if (type === 'registration.submitted') data.platformRef = `ZW-${unit.code}`;
          return { type, occurredAt: new Date(at).toISOString(), data, note: type === 'connection.test_failed' ? '光衰过大，链路测试未通过' : null };
        });
        const progress = deriveProgress(facts, createdAt.toISOString());
        const [row] = await tx
          .insert(units)
          .values({ ...unit, contactName: null, createdAt, updatedAt: createdAt, stepCount: facts.length, ...(facts.length ? progressColumns(progress) : progressColumns(initialProgress(createdAt.toISOString()))) })
          .returning();
        if (facts.length) {
          await tx.insert(steps).values(
            facts.map((f, k) => {
              const registration = f.type.startsWith('registration.');
              const actor = registration && f.type !== 'registration.submitted' ? office : technician;
              return {
                unitId: row.id,
                seq: k + 1,
                type: f.type,
                stage: STEP_RULES[f.type].stage,
                occurredAt: new Date(f.occurredAt),
                recordedAt: new Date(f.occurredAt),
                actorId: actor.id,
                actorName: actor.displayName,
                actorRole: actor.role,
                note: f.note,
                data: f.data,
              };
            }),
          );
        }
        // the townships and every fourth department get a contact who can register
        if (unit.kind === 'township' || i % 4 === 0) {
          const username = `u${unit.code}`;
          await tx.insert(users).values({ username, usernameKey: usernameKey(username), displayName: `${unit.name}联络员`, role: 'unit', unitId: row.id, passwordHash });
          unitAccounts.push(username);
        }
      });
    }
    const urged = await seedNotices(db, office, day0);
    await db.insert(audit).values({ action: 'demo.load', target: null, details: { units: all.length, notices: urged } });

    const line = '='.repeat(64);
    console.log(`\n${line}\n  宕昌县 demo loaded: ${townships.length} townships, ${departments.length} departments, steps of the last 60 days.`);
    console.log(`  Urging notices (催办): ${urged.issued} issued, ${urged.answered} answered, ${urged.withdrawn} withdrawn, the rest open or overdue.`);
    console.log(`  Every account below has the password:  ${PASSWORD}`);
    console.log(`    office (政府办):      zfb01`);
    console.log(`    viewer (领导):        leader01`);
    console.log(`    technician (电信局):  tech01, tech02, tech03`);
    console.log(`    unit contacts:        ${unitAccounts.slice(0, 4).join(', ')} … (${unitAccounts.length} in all: u + unit code)`);
    if (people === 0) console.log('  (no bootstrap admin was created: log in as zfb01)');
    console.log(line);
  } finally {
    await database.close();
  }
}

/**
 * The urging loop as it goes: ten days ago the office urged every unit refusing the wiring (a
 * week to answer, so unanswered ones are overdue now); two answered, one notice was withdrawn;
 * today it urged the townships that keep postponing. Issued through the service, as the API does.
 */
async function seedNotices(db: Db, office: typeof users.$inferSelect, day0: string) {
  const as = (u: typeof users.$inferSelect): Actor => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, scope: u.scope, ip: '127.0.0.1' });
  const tenDaysAgo = new Date(startOfDay(addDays(day0, -10), TZ).getTime() + 10 * 3_600_000);
  const first = await notices.issueBatch(db, as(office), { category: 'refused_wiring', note: '请于一周内答复，联系人：县政府办 张科长' }, {}, tenDaysAgo);
  const contacts = await db.select().from(users).where(inArray(users.unitId, first.items.map((n) => n.unitId)));
  let answered = 0;
  for (const contact of contacts.slice(0, 2)) {
    const notice = first.items.find((n) => n.unitId === contact.unitId)!;
    await notices.answer(db, as(contact), notice.id, '已与电信局约定下周进场布线，届时安排专人配合。', new Date(tenDaysAgo.getTime() + 2 * 86_400_000));
    answered++;
  }
  const last = first.items.at(-1);
  let withdrawn = 0;
  if (last && first.items.length > 3) {
    await notices.withdraw(db, as(office), last.id, '该单位已书面说明情况，经研究暂缓催办', new Date(tenDaysAgo.getTime() + 86_400_000));
    withdrawn++;
  }
  const second = await notices.issueBatch(db, as(office), { kind: 'township', category: 'repeated_postponement' });
  return { issued: first.created + second.created, answered, withdrawn };
}

await main();
