// Fills an empty database with the demo of scripts/demo/counties.ts: units placed in their
// counties, accounts scoped to the city, each county and the whole installation, one county's
// own deadline, two months of steps ending today, and the urging notices of 宕昌县.
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { areaSettings, audit, steps, units, users } from '../../db/schema/index.js';
import * as notices from '../../server/features/notices/notices.service.js';
import { writeSettings } from '../../db/queries/settings.js';
import { progressColumns } from '../../db/queries/units.js';
import { actorFor, type Actor } from '../../server/lib/actor.js';
import { addDays, startOfDay, today } from '../../shared/domain/dates.js';
import { deriveProgress, initialProgress } from '../../shared/domain/progress.js';
import { usernameKey } from '../../shared/domain/usernames.js';
import { STEP_RULES, type StepType } from '../../shared/domain/steps.js';
import { type Role } from '../../shared/domain/catalogue.js';
import { seedTraining, type TrainingSummary } from './training.js';
import { CITY, CITY_OFFICE, COUNTIES, COUNTY_VIEWER, DEFAULTS, REASONS, TZ, WHOLE_OFFICE, unitsOf, type DemoUnit, type Plan } from './counties.js';
import { contactOf, technicianPhone } from './contacts.js';
import { writeOwnHelp } from '../../db/queries/unit-help.js';

type User = typeof users.$inferSelect;

export interface DemoSummary {
  counties: { code: string; name: string; townships: number; departments: number; ownConnectionDue: string | null }[];
  /** every staff login with what it sees: null = the whole installation */
  logins: { username: string; role: Role; scope: string | null; scopeName: string }[];
  unitContacts: string[];
  notices: { issued: number; answered: number; withdrawn: number };
  /** the training demo (scripts/demo/training.ts) */
  training?: TrainingSummary;
}

const as = (u: User): Actor => actorFor(u, '127.0.0.1');

/** Seeds the demo into `db`, which must hold no unit (the caller checks). */
export async function seedDemo(db: Db, passwordHash: string, now = Date.now()): Promise<DemoSummary> {
  const day0 = today(TZ, new Date(now));
  await writeSettings(db, {
    timezone: TZ,
    wiringDue: addDays(day0, DEFAULTS.wiringDue),
    connectionDue: addDays(day0, DEFAULTS.connectionDue),
    registrationGraceDays: DEFAULTS.registrationGraceDays,
    stallDays: DEFAULTS.stallDays,
    postponementLimit: DEFAULTS.postponementLimit,
  });

  const names = new Map<string, string>([[CITY.code, CITY.name], ...COUNTIES.map((c) => [c.code, c.name] as [string, string])]);
  const logins: DemoSummary['logins'] = [];
  const staff = async (p: { username: string; displayName: string }, role: Role, scope: string | null) => {
    const [row] = await db.insert(users).values({ username: p.username, usernameKey: usernameKey(p.username), displayName: p.displayName, role, scope, passwordHash }).returning();
    logins.push({ username: p.username, role, scope, scopeName: scope ? names.get(scope)! : '全部（整个系统）' });
    return row;
  };
  // the whole installation's office first: it is the one that may name others so
  await staff(WHOLE_OFFICE, 'office', null);
  await staff(CITY_OFFICE, 'office', CITY.code);
  const offices = new Map<string, User>();
  const technicians = new Map<string, User[]>();
  for (const county of COUNTIES) {
    offices.set(county.code, await staff(county.office, 'office', county.code));
    const crew: User[] = [];
    for (const t of county.technicians) {
      const row = await staff(t, 'technician', county.code);
      // a phone the units can call (the demo's made-up range)
      const [withPhone] = await db.update(users).set({ phone: technicianPhone(crew.length + technicians.size * 10) }).where(eq(users.id, row.id)).returning();
      crew.push(withPhone);
    }
    technicians.set(county.code, crew);
  }
  await staff(COUNTY_VIEWER, 'viewer', COUNTY_VIEWER.scope);

  const summary: DemoSummary = { counties: [], logins, unitContacts: [], notices: { issued: 0, answered: 0, withdrawn: 0 } };
  let serial = 0;
  for (const county of COUNTIES) {
    const list = unitsOf(county);
    for (const [i, unit] of list.entries()) {
      // the county's technicians share its units in turn: each has a day's list of its own
      const crew = technicians.get(county.code)!;
      await seedUnit(db, unit, county.stories[i % county.stories.length], serial++, { day0, now, passwordHash, office: offices.get(county.code)!, technician: crew[i % crew.length] }, (username) => summary.unitContacts.push(username), i);
    }
    let ownConnectionDue: string | null = null;
    if (county.own) {
      ownConnectionDue = county.own.connectionDue === undefined ? null : addDays(day0, county.own.connectionDue);
      await db.insert(areaSettings).values({ areaCode: county.code, connectionDue: ownConnectionDue, wiringDue: county.own.wiringDue === undefined ? null : addDays(day0, county.own.wiringDue) });
    }
    summary.counties.push({ code: county.code, name: county.name, townships: list.filter((u) => u.kind === 'township').length, departments: list.filter((u) => u.kind === 'department').length, ownConnectionDue });
    // 宕昌县's office urges its laggards before the other counties' units exist, so the batch
    // holds its own units whether or not the notices service filters by scope yet
    if (county.code === '621223') summary.notices = await seedNotices(db, offices.get(county.code)!, day0);
  }
  // where 陇南's units register and whom they call (the city's, inherited by its counties)
  await writeOwnHelp(db, CITY.code, { platformUrl: 'https://zwzw.longnan.example.gov.cn/shenbao', helpdeskPhone: '0939-8211000' });
  summary.training = await seedTraining(db, day0, offices);
  await db.insert(audit).values({ action: 'demo.load', target: null, details: { units: serial, notices: summary.notices } });

  return summary;
}

interface Ctx {
  day0: string;
  now: number;
  passwordHash: string;
  office: User;
  /** the technician assigned to the unit: records its wiring and connection steps */
  technician: User;
}

/** One unit with its plan's steps, and a contact for townships and every fourth department. */
async function seedUnit(db: Db, unit: DemoUnit, plan: Plan, serial: number, ctx: Ctx, contact: (username: string) => void, i: number) {
  const { day0, now } = ctx;
  await db.transaction(async (tx: Tx) => {
    const createdAt = new Date(startOfDay(addDays(day0, -60), TZ).getTime() + serial * 60_000);
    const facts = plan.map(([type, daysAgo, reasonCode], k) => {
      // during office hours on that day, a little later for each step of the day; never in the future
      const at = Math.min(now - 60_000, startOfDay(addDays(day0, -daysAgo), TZ).getTime() + (9 * 60 + ((serial * 37 + k * 53) % 420)) * 60_000);
      const rule = STEP_RULES[type];
      const data: Record<string, string> = {};
      if ((rule.required as readonly string[]).includes('plannedDate')) data.plannedDate = addDays(day0, -daysAgo + 5);
      if (reasonCode) Object.assign(data, { reason: REASONS[reasonCode], reasonCode });
      else if ((rule.required as readonly string[]).includes('reason')) data.reason = '申报材料不完整，请补充单位公章';
      if (type === 'registration.submitted') data.platformRef = `ZW-${unit.code}`;
      return { type, occurredAt: new Date(at).toISOString(), data, note: type === 'connection.test_failed' ? '光衰过大，链路测试未通过' : null };
    });
    const progress = facts.length ? deriveProgress(facts, createdAt.toISOString()) : initialProgress(createdAt.toISOString());
    const person = contactOf(unit, serial);
    const [row] = await tx
      .insert(units)
      .values({ ...unit, contactName: person.name, contactPhone: person.phone, assigneeId: ctx.technician.id, createdAt, updatedAt: createdAt, stepCount: facts.length, ...progressColumns(progress) })
      .returning();
    // the unit's own contact (townships and every fourth department) submits its registration itself
    let own: User | null = null;
    if (unit.kind === 'township' || i % 4 === 0) {
      const username = `u${unit.code}`;
      [own] = await tx.insert(users).values({ username, usernameKey: usernameKey(username), displayName: `${unit.name}联络员 ${person.name}`, role: 'unit', unitId: row.id, passwordHash: ctx.passwordHash }).returning();
      contact(username);
    }
    if (facts.length) {
      await tx.insert(steps).values(
        facts.map((f, k) => {
          const actor = recorderOf(f.type, { office: ctx.office, technician: ctx.technician, own });
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
  });
}

/**
 * Who records a step, as the product's rules allow it (STEP_RULES[type].roles): the unit's
 * technician its wiring and connection, the unit's own contact its registration (the office
 * where the unit has no account), the office the review.
 */
export function recorderOf(type: StepType, who: { office: User; technician: User; own: User | null }): User {
  const roles = STEP_RULES[type].roles as readonly Role[];
  if (roles.includes('technician')) return who.technician;
  if (roles.includes('unit') && who.own) return who.own;
  return who.office;
}

/**
 * The urging loop as it goes: ten days ago the office urged every unit refusing the wiring (a
 * week to answer, so unanswered ones are overdue now); two answered, one notice was withdrawn;
 * today it urged the townships that keep postponing. Issued through the service, as the API does.
 */
async function seedNotices(db: Db, office: User, day0: string) {
  const tenDaysAgo = new Date(startOfDay(addDays(day0, -10), TZ).getTime() + 10 * 3_600_000);
  const first = await notices.issueBatch(db, as(office), { category: 'refused_wiring', note: `请于一周内答复，联系人：${office.displayName}` }, {}, tenDaysAgo);
  const contacts = await db.select().from(users).where(inArray(users.unitId, first.items.flatMap((n) => n.unitId ?? [])));
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
