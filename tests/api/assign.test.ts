import { describe, expect } from 'vitest';
import { errorOf, uniq } from '../helpers/app.js';
import { test as base } from '../helpers/fixture.js';

/** two technicians, so that one's units are seen not to be the other's */
const test = base.extend('wang', { scope: 'file' }, ({ t }) => t.as('technician')).extend('li', { scope: 'file' }, ({ t }) => t.as('technician'));

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((u) => u.id).sort();

describe('assigning units to technicians', () => {
  test('assigns one unit through PATCH and shows it in the technician’s own list', async ({ t, office, wang, li }) => {
    const unit = await t.unit();
    const res = await office.patch(`/api/units/${unit.id}`, { assigneeId: wang.user.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().unit.assigneeId).toBe(wang.user.id);
    expect(ids(await wang.get('/api/units?assignee=me'))).toContain(unit.id);
    expect(ids(await li.get('/api/units?assignee=me'))).not.toContain(unit.id);
  });

  test('assigns in bulk by area, and unassigns', async ({ t, office, li }) => {
    const area = uniq('area');
    const units = await Promise.all([1, 2, 3].map(() => t.unit({ parentCode: area })));
    const res = await office.post('/api/units/assign', { technicianId: li.user.id, parentCode: area });
    expect(res.json()).toEqual({ updated: 3 });
    expect(ids(await office.get(`/api/units?parentCode=${area}&assignee=${li.user.id}`))).toEqual(units.map((u) => u.id).sort());
    await office.post('/api/units/assign', { technicianId: null, unitIds: [units[0].id] });
    expect(ids(await office.get(`/api/units?parentCode=${area}&assignee=none`))).toEqual([units[0].id]);
  });

  test('assigns in bulk by a list of ids', async ({ t, office, wang }) => {
    const a = await t.unit();
    const b = await t.unit();
    const res = await office.post('/api/units/assign', { technicianId: wang.user.id, unitIds: [a.id, b.id, 'nonsense'] });
    expect(res.json()).toEqual({ updated: 2 });
  });

  test('refuses to assign to someone who is not an active technician (400), and an assignment naming no units', async ({ t, office, wang }) => {
    const unit = await t.unit();
    const viewer = await t.as('viewer');
    const res = await office.patch(`/api/units/${unit.id}`, { assigneeId: viewer.user.id });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    expect((await office.post('/api/units/assign', { technicianId: viewer.user.id, unitIds: [unit.id] })).statusCode).toBe(400);
    expect((await office.post('/api/units/assign', { technicianId: wang.user.id })).statusCode).toBe(400);
  });

  test('assigns through the import file by username', async ({ office, wang }) => {
    const area = uniq('area');
    const code = uniq('P');
    const file = `编码,名称,类型,上级编码,负责技术员\n${code},某局,部门,${area},${wang.user.username}\n`;
    const res = await office.request('POST', '/api/units/import', file, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await office.get(`/api/units?q=${code}`)).json().items[0].assigneeId).toBe(wang.user.id);
  });

  test('names an import row whose technician does not exist', async ({ office }) => {
    const file = `code,name,kind,assignee\n${uniq('P')},某局,department,nobody-here\n`;
    const res = await office.request('POST', '/api/units/import', file, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ row: 2, field: 'assignee' })]);
  });

  test('is about focus, not permission: a technician logs steps on units assigned to another', async ({ t, wang, li }) => {
    const unit = await t.unit({ assigneeId: wang.user.id });
    expect((await li.post(`/api/units/${unit.id}/events`, { type: 'wiring.started' })).statusCode).toBe(201);
  });

  test('is the office’s to change', async ({ t, wang }) => {
    const unit = await t.unit();
    expect((await wang.post('/api/units/assign', { technicianId: wang.user.id, unitIds: [unit.id] })).statusCode).toBe(403);
  });
});
