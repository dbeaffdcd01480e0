import { describe, expect, it } from 'vitest';
import { STEP_RULES, STEP_TYPES } from '../../shared/domain/steps.js';
import { buildStep, emptyValues, stepFields } from '../../web/src/features/units/components/step-form/model.js';

const options = { timeZone: 'Asia/Shanghai', clientEventId: '3b241101-e2bb-4255-8caf-4136c566a962', occurredAtTouched: false };

describe('step form model', () => {
  it('asks for exactly the fields the step catalogue lists, plus an optional note', () => {
    for (const type of STEP_TYPES) {
      const rule = STEP_RULES[type];
      const fields = stepFields(type);
      expect(new Set(fields.map((f) => f.field))).toEqual(new Set([...rule.required, ...rule.optional, 'note']));
      for (const f of fields) expect(f.required).toBe((rule.required as readonly string[]).includes(f.field));
    }
  });

  it('names each missing required field and sends nothing', () => {
    const { step, errors } = buildStep('wiring.postponed', emptyValues(), options);
    expect(step).toBeUndefined();
    expect(errors).toEqual({ reason: 'required' });
  });

  it('needs no reason text for a postponement or refusal once a telling reason category is chosen; “其他原因” still needs it', () => {
    for (const type of ['wiring.postponed', 'connection.postponed', 'wiring.refused'] as const) {
      const coded = buildStep(type, { ...emptyValues(), reasonCode: 'busy_period' }, options);
      expect(coded.errors, type).toEqual({});
      expect(coded.step?.data).toEqual({ reasonCode: 'busy_period' });
      expect(stepFields(type, { reasonCode: 'busy_period' }).find((f) => f.field === 'reason')).toEqual({ field: 'reason', required: false, waived: true });
      expect(buildStep(type, { ...emptyValues(), reasonCode: 'other' }, options).errors).toEqual({ reason: 'required' });
      expect(stepFields(type, { reasonCode: '' }).find((f) => f.field === 'reason')).toEqual({ field: 'reason', required: true });
    }
  });

  it('puts data fields under data, the note at the top, and keeps the client event id', () => {
    const values = { ...emptyValues(), reason: '办公室在装修', reasonCode: 'office_renovation', until: '2026-12-20', note: '下周再联系' };
    const { step } = buildStep('wiring.postponed', values, options);
    expect(step).toEqual({
      type: 'wiring.postponed',
      clientEventId: options.clientEventId,
      note: '下周再联系',
      data: { reason: '办公室在装修', reasonCode: 'office_renovation', until: '2026-12-20' },
    });
  });

  it('leaves occurredAt to the server unless the user set it back', () => {
    const values = { ...emptyValues(), occurredAt: '2026-11-20T08:00' };
    expect(buildStep('wiring.started', values, options).step?.occurredAt).toBeUndefined();
    expect(buildStep('wiring.started', values, { ...options, occurredAtTouched: true }).step?.occurredAt).toBe('2026-11-20T00:00:00.000Z');
  });

  it('refuses a time in the future', () => {
    const values = { ...emptyValues(), occurredAt: '2026-11-28T12:00' };
    const now = Date.parse('2026-11-28T02:00:00Z'); // 10:00 in Shanghai
    expect(buildStep('wiring.started', values, { ...options, occurredAtTouched: true, now }).errors).toEqual({ occurredAt: 'future' });
  });

  it('ignores fields that belong to other step types', () => {
    const values = { ...emptyValues(), platformRef: 'SQ-1', reason: 'x' };
    expect(buildStep('wiring.completed', values, options).step?.data).toBeUndefined();
  });
});
