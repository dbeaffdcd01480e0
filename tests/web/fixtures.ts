// Units and steps as the API sends them, built from the shared fold so they stay consistent.
import { deriveProgress, type StepFact } from '../../shared/domain/progress.js';
import type { StepType } from '../../shared/domain/steps.js';
import type { Step, Unit, UnitDetail } from '../../shared/schemas/index.js';

const CREATED = '2026-11-01T01:00:00.000Z';

export function unitWith(types: StepType[], overrides: Partial<Unit> = {}): Unit {
  const facts: StepFact[] = types.map((type, i) => ({
    type,
    occurredAt: new Date(Date.parse(CREATED) + (i + 1) * 3_600_000).toISOString(),
    data: type.endsWith('refused') || type.endsWith('postponed') || type === 'registration.rejected' ? { reason: '领导出差' } : {},
  }));
  return {
    id: 'unit-1',
    code: 'XZ001',
    name: '城关镇人民政府',
    kind: 'township',
    parentCode: null,
    areaCode: null,
    areaName: null,
    contactName: '张三',
    contactPhone: '0731-1234567',
    address: '城关镇人民路 1 号',
    wiringDue: '2026-12-15',
    connectionDue: null,
    assigneeId: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    progress: deriveProgress(facts, CREATED),
    ...overrides,
  };
}

export function stepOf(type: StepType, i: number, extra: Partial<Step> = {}): Step {
  const at = new Date(Date.parse(CREATED) + (i + 1) * 3_600_000).toISOString();
  return {
    id: `step-${i}`,
    unitId: 'unit-1',
    type,
    stage: type.split('.')[0] as Step['stage'],
    occurredAt: at,
    recordedAt: at,
    actor: { id: 'u-tech', displayName: '李师傅', role: 'technician' },
    note: null,
    data: {},
    clientEventId: null,
    voided: false,
    ...extra,
  };
}

/** A unit as GET /api/units/:id answers it: with its flags (none, unless given) and its technician (none). */
export const detailOf = (unit: Unit | UnitDetail): UnitDetail => ({
  laggard: { asOf: '2026-11-01', flags: [], severity: 0 },
  // its own due dates, as the server resolves them when the area sets none
  dueDates: {
    addedOn: unit.createdAt.slice(0, 10),
    wiringDue: unit.wiringDue,
    connectionDue: unit.connectionDue,
    sources: { wiringDue: unit.wiringDue ? 'unit' : 'none', connectionDue: unit.connectionDue ? 'unit' : 'none' },
    lateJoinWiringDays: 14,
    lateJoinConnectionDays: 30,
  },
  assignee: null,
  ...unit,
});
