// The demo's training (docs/contract/training.md): 宕昌县 held the speech's training last month on
// 政务专网与办公自动化 and 保密 for every township and department — most attended, some absent or
// excused; report-backs accepted, returned, awaiting review and overdue; a few units without a
// backbone person after the county's backboneDue. 武都区 has a training next week. The mix is
// the issue's: the people's laggards (a report-back not accepted by its due day, absent, no
// backbone: some 8, 3 and 2 units) stay a side story beside the network's, not its headline.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { areaSettings, backbones, reportBacks, trainingAttendance, trainings, units } from '../../db/schema/index.js';
import { newSecret } from '../../server/features/training/training.codes.js';
import { addDays, startOfDay } from '../../shared/domain/dates.js';
import { TZ } from './counties.js';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高';
const GIVEN = ['明', '芳', '强', '丽', '军', '敏', '伟', '静', '磊', '燕', '涛', '霞'];
const person = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
const at = (day: string, hour: number, minute = 0) => new Date(startOfDay(day, TZ).getTime() + (hour * 60 + minute) * 60_000);

export interface TrainingSummary {
  tanchang: { enrolled: number; attended: number; absent: number; excused: number; noBackbone: number; reportBacks: Record<'accepted' | 'returned' | 'submitted' | 'overdue', number> };
  wuduNextWeek: number;
}

/** Seeds the trainings; `offices` by county code (the creators). */
export async function seedTraining(db: Db, day0: string, offices: Map<string, { id: string }>): Promise<TrainingSummary> {
  const tanchangUnits = await db.select({ id: units.id, kind: units.kind }).from(units).where(eq(units.areaCode, '621223')).orderBy(units.code);
  const day = addDays(day0, -30);
  const [tr] = await db
    .insert(trainings)
    .values({
      title: '政务专网与办公自动化及保密培训',
      topics: ['network', 'office_automation', 'security'],
      organiser: '宕昌县电信局',
      trainer: '省通信管理局、省保密局专家',
      venue: '宕昌县人民政府三楼会议室',
      startsAt: at(day, 9),
      endsAt: at(day, 17),
      areaCode: '621223',
      required: { kinds: ['township', 'department'] },
      signSecret: newSecret(),
      closedAt: at(day, 17, 30),
      createdBy: offices.get('621223')!.id,
    })
    .returning();
  const summary: TrainingSummary = { tanchang: { enrolled: 0, attended: 0, absent: 0, excused: 0, noBackbone: 0, reportBacks: { accepted: 0, returned: 0, submitted: 0, overdue: 0 } }, wuduNextWeek: 0 };
  const office = offices.get('621223')!.id;
  // j counts the enrolled units, k those that attended: the mix holds whatever the units' order
  let j = -1;
  let k = -1;
  for (const [i, u] of tanchangUnits.entries()) {
    if (u.kind !== 'township' && u.kind !== 'department') continue;
    summary.tanchang.enrolled++;
    j++;
    // one unit in thirty named nobody: no_backbone after the county's backboneDue
    if (j % 30 === 5) summary.tanchang.noBackbone++;
    else await db.insert(backbones).values({ unitId: u.id, kind: 'primary', name: person(i), post: u.kind === 'township' ? '党政办主任' : '办公室主任', phone: `1389390${String(1000 + i).slice(-4)}`, since: addDays(day0, -45), createdBy: office });
    // one in twenty absent, one in twenty excused (请假: not a laggard until the next training)
    const status = j % 20 === 7 ? 'absent' : j % 20 === 13 ? 'excused' : 'attended';
    summary.tanchang[status]++;
    await db.insert(trainingAttendance).values({
      trainingId: tr!.id,
      unitId: u.id,
      status,
      attendee: status === 'attended' ? person(i) : null,
      method: status === 'attended' ? (i % 3 === 0 ? 'sheet' : 'code') : 'office',
      at: at(day, status === 'attended' ? 8 : 17, status === 'attended' ? 35 + (i % 25) : 30),
      byName: status === 'attended' ? person(i) : '宕昌县政府办 刘主任',
      reason: status === 'excused' ? '当天下乡开展防汛检查' : null,
    });
    if (status !== 'attended') continue;
    k++;
    // report-backs: mostly accepted; one in twenty-five each returned, awaiting review, or none at
    // all. The training was 30 days ago and the report-back due 10 days after it, so the three
    // that are not accepted all lag as report_back_overdue.
    const kind = k % 25 === 3 ? 'overdue' : k % 25 === 11 ? 'returned' : k % 25 === 19 ? 'submitted' : 'accepted';
    summary.tanchang.reportBacks[kind]++;
    if (kind === 'overdue') continue;
    await db.insert(reportBacks).values({
      trainingId: tr!.id,
      unitId: u.id,
      reportedOn: addDays(day, 3 + (i % 6)),
      leader: u.kind === 'township' ? '党委书记 张某' : '分管副局长 李某',
      form: i % 2 ? 'meeting' : 'written',
      colleaguesReached: 5 + (i % 20),
      summary: '向单位领导汇报了政务专网接入要求、办公自动化系统使用和保密管理规定，并在全体干部会上传达。',
      status: kind,
      returnReason: kind === 'returned' ? '未写明传达范围和后续安排，请补充' : null,
      submittedAt: at(addDays(day, 3 + (i % 6)), 16),
      reviewedAt: kind === 'submitted' ? null : at(addDays(day, 5 + (i % 6)), 10),
      reviewedBy: kind === 'submitted' ? null : office,
    });
  }
  await db.insert(areaSettings).values({ areaCode: '621223', backboneDue: addDays(day0, -20) }).onConflictDoUpdate({ target: areaSettings.areaCode, set: { backboneDue: addDays(day0, -20) } });

  // 武都区: next week, its townships
  const wudu = await db.select({ id: units.id }).from(units).where(eq(units.areaCode, '621202'));
  const next = addDays(day0, 7);
  const [w] = await db
    .insert(trainings)
    .values({
      title: '政务专网接入与信息安全培训',
      topics: ['network', 'security'],
      organiser: '武都区电信局',
      trainer: '市通信管理办专家',
      venue: '武都区行政中心二楼会议室',
      startsAt: at(next, 9),
      endsAt: at(next, 16),
      areaCode: '621202',
      required: { kinds: ['township', 'department'] },
      signSecret: newSecret(),
      createdBy: offices.get('621202')!.id,
    })
    .returning();
  if (wudu.length) await db.insert(trainingAttendance).values(wudu.map((u) => ({ trainingId: w!.id, unitId: u.id })));
  summary.wuduNextWeek = wudu.length;
  return summary;
}
