// What the demo holds: three counties of 陇南市 (6212) whose campaigns stand differently, so the
// city's roll-up has something to compare. Each county is a list of stories (a unit's steps),
// used in turn over its units; the real township names and codes come from reference/.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ReasonCode, StepType } from '../../shared/domain/steps.js';

export const TZ = 'Asia/Shanghai';
export const PASSWORD = 'tanchang-demo-2026';
export const CITY = { code: '6212', name: '陇南市' };

/** What happens to one unit: steps as [type, days before today, reason code?]. */
export type Plan = [StepType, number, ReasonCode?][];

export const REASONS: Record<ReasonCode, string> = {
  leader_absent: '主要负责同志外出，无人签字同意',
  office_renovation: '办公楼正在装修，暂不具备布线条件',
  busy_period: '年底工作任务重，请求延后',
  no_equipment_room: '单位没有机房，设备无处安放',
  cost_dispute: '对线路和设备费用分担有异议',
  security_concern: '担心接入专网影响内部网络安全',
  other: '其他原因',
};

/** the county's departments, named with a leading 县 that the county's own name replaces */
const DEPARTMENTS = [
  '县委办公室', '县人大常委会办公室', '县政府办公室', '县政协办公室', '县纪委监委', '县委组织部', '县委宣传部', '县委统战部',
  '县委政法委', '县发展和改革局', '县教育局', '县科学技术局', '县工业和信息化局', '县公安局', '县民政局', '县司法局',
  '县财政局', '县人力资源和社会保障局', '县自然资源局', '县生态环境局', '县住房和城乡建设局', '县交通运输局', '县水务局',
  '县农业农村局', '县商务局', '县文化和旅游局', '县卫生健康局', '县退役军人事务局', '县应急管理局', '县审计局',
  '县市场监督管理局', '县统计局', '县医疗保障局', '县林业和草原局', '县乡村振兴局', '县信访局', '县政务服务中心',
  '县融媒体中心', '县人民法院', '县人民检察院', '县税务局', '县气象局',
];

const onboarded = (start: number): Plan => [
  ['wiring.scheduled', start], ['wiring.started', start - 3], ['wiring.completed', start - 5],
  ['connection.scheduled', start - 7], ['connection.started', start - 10], ['connection.completed', start - 12],
  ['registration.submitted', start - 15], ['registration.verified', start - 17],
];

/** 宕昌县, the demo's first county: a third onboarded, every way of lagging behind. */
const TANCHANG: Plan[] = [
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

/** 武都区 lags: one unit in ten onboarded, most never started, every category of laggard. */
const WUDU: Plan[] = [
  [['wiring.scheduled', 41], ['wiring.refused', 36, 'security_concern']],
  [],
  [['wiring.scheduled', 52], ['wiring.postponed', 47, 'busy_period'], ['wiring.scheduled', 40], ['wiring.postponed', 33, 'leader_absent'], ['wiring.scheduled', 21], ['wiring.postponed', 15, 'busy_period']],
  [['wiring.scheduled', 33]],
  [['wiring.started', 47], ['wiring.completed', 41], ['connection.started', 32], ['connection.completed', 26]],
  [],
  onboarded(55),
  [['wiring.scheduled', 45], ['wiring.started', 30]],
  [['wiring.scheduled', 38], ['wiring.started', 34], ['wiring.completed', 29], ['connection.scheduled', 22]],
  [['wiring.postponed', 39, 'office_renovation'], ['wiring.scheduled', 24], ['wiring.refused', 11, 'cost_dispute']],
];

/** 成县 is ahead: three in four onboarded, the rest on track, no laggard (its own, later connection deadline helps). */
const CHENGXIAN: Plan[] = [
  onboarded(56), onboarded(53), onboarded(50),
  // connection under way: late by the city's deadline, on time by 成县's own
  [['wiring.completed', 30], ['connection.scheduled', 8]],
  onboarded(47), onboarded(44), onboarded(41),
  // awaiting the office's review
  [['wiring.completed', 31], ['connection.started', 21], ['connection.completed', 13], ['registration.submitted', 4]],
  onboarded(38), onboarded(35), onboarded(31),
  [['wiring.completed', 22], ['connection.started', 6]],
];

export interface Person {
  username: string;
  displayName: string;
}

export interface County {
  code: string;
  name: string;
  stories: Plan[];
  /** how many of DEPARTMENTS the county gets */
  departments: number;
  office: Person;
  technicians: Person[];
  /** the county's own deadlines (area_settings), as days from today; absent = the installation's */
  own?: { connectionDue?: number; wiringDue?: number };
}

/** the installation's deadlines, as days from today */
export const DEFAULTS = { wiringDue: -25, connectionDue: -5, registrationGraceDays: 7, stallDays: 14, postponementLimit: 2 };

export const COUNTIES: County[] = [
  {
    code: '621223',
    name: '宕昌县',
    stories: TANCHANG,
    departments: DEPARTMENTS.length,
    office: { username: 'tc01', displayName: '宕昌县政府办 刘主任' },
    technicians: [
      { username: 'tech01', displayName: '电信局 王师傅' },
      { username: 'tech02', displayName: '电信局 李师傅' },
      { username: 'tech03', displayName: '电信局 赵师傅' },
    ],
  },
  {
    code: '621202',
    name: '武都区',
    stories: WUDU,
    departments: 12,
    office: { username: 'wd01', displayName: '武都区政府办 陈主任' },
    technicians: [{ username: 'wdtech01', displayName: '武都电信 孙师傅' }],
  },
  {
    code: '621221',
    name: '成县',
    stories: CHENGXIAN,
    departments: 10,
    office: { username: 'cx01', displayName: '成县政府办 杨主任' },
    technicians: [{ username: 'cxtech01', displayName: '成县电信 周师傅' }],
    own: { connectionDue: 10 },
  },
];

/** the whole installation's office (the demo's first login), the city's office, and the leader */
export const WHOLE_OFFICE: Person = { username: 'zfb01', displayName: '政府办 张科长' };
export const CITY_OFFICE: Person = { username: 'lns01', displayName: '陇南市政府办 何科长' };
/** a county's viewer: 宕昌's deputy county head */
export const COUNTY_VIEWER: Person & { scope: string } = { username: 'leader01', displayName: '宕昌县分管副县长', scope: '621223' };

export interface DemoUnit {
  code: string;
  name: string;
  kind: 'township' | 'department';
  parentCode: string;
  areaCode: string;
}

const csv = (file: string) => parse(readFileSync(new URL(`../../reference/${file}`, import.meta.url)), { columns: true, bom: true }) as Record<string, string>[];

/** A county's units: its real townships (from reference/), then its departments, each named in full. */
export function unitsOf(county: County): DemoUnit[] {
  const rows = county.code === '621223' ? csv('tanchang-townships.csv') : csv('longnan-townships.csv').filter((t) => t.areaCode === county.code);
  const townships = rows.map((t) => ({ code: t.code, name: `${county.name}${t.name}人民政府`, kind: 'township' as const }));
  const departments = DEPARTMENTS.slice(0, county.departments).map((d, i) => ({
    code: `${county.code}D${String(i + 1).padStart(2, '0')}`,
    name: `${county.name}${d.slice(1)}`,
    kind: 'department' as const,
  }));
  return [...townships, ...departments].map((u) => ({ ...u, parentCode: county.code, areaCode: county.code }));
}
