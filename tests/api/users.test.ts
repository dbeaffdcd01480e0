import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, errorOf, PASSWORD, uniq, type Agent, type TestApp } from '../helpers/app.js';
import { test } from '../helpers/fixture.js';

let t: TestApp;
let office: Agent;
test.beforeAll(({ t: testApp, office: fOffice }) => {
  t = testApp;
  office = fOffice;
});

const newUser = (over: Record<string, unknown> = {}) => ({
  username: uniq('wang-'),
  displayName: '王工',
  role: 'technician',
  password: 'long enough 1',
  ...over,
});

describe('creating users', () => {
  it('creates a user (201) who can then log in; no password hash in the answer', async () => {
    const body = newUser();
    const res = await office.post('/api/users', body);
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ username: body.username, displayName: '王工', role: 'technician', unitId: null, disabled: false });
    expect(res.body).not.toMatch(/hash|scrypt|long enough/i);
    const login = await t.anonymous.post('/api/auth/login', { username: body.username, password: body.password });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a duplicate username with 409, whatever its case', async () => {
    const body = newUser();
    await office.post('/api/users', body);
    const res = await office.post('/api/users', { ...body, username: body.username.toUpperCase() });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
  });

  it('refuses a password shorter than 8 characters with 400 naming it', async () => {
    const res = await office.post('/api/users', newUser({ password: 'short' }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('requires unitId for the unit role, and allows it only there', async () => {
    const unit = await t.unit();
    expect((await office.post('/api/users', newUser({ role: 'unit' }))).statusCode).toBe(400);
    expect((await office.post('/api/users', newUser({ role: 'viewer', unitId: unit.id }))).statusCode).toBe(400);
    const ok = await office.post('/api/users', newUser({ role: 'unit', unitId: unit.id }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user.unitId).toBe(unit.id);
  });

  it('refuses a unitId that names no unit with 400', async () => {
    const res = await office.post('/api/users', newUser({ role: 'unit', unitId: randomUUID() }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([expect.objectContaining({ field: 'unitId' })]);
  });

  it('refuses an unknown role with 400', async () => {
    expect((await office.post('/api/users', newUser({ role: 'admin' }))).statusCode).toBe(400);
  });
});

describe('a technician\'s phone (issue 27: the units it looks after call it)', () => {
  it('is taken on creation, changed, cleared with null and kept when absent', async () => {
    const created = await office.post('/api/users', newUser({ phone: ' 13809392111 ' }));
    expect(created.statusCode, created.body).toBe(201);
    const { user } = created.json();
    expect(user.phone).toBe('13809392111');
    const changed = await office.patch(`/api/users/${user.id}`, { phone: '0939-5521234 转 8' });
    expect(changed.json().user.phone).toBe('0939-5521234 转 8');
    expect((await office.patch(`/api/users/${user.id}`, { displayName: '王工程师' })).json().user.phone).toBe('0939-5521234 转 8');
    expect((await office.get(`/api/users?q=${encodeURIComponent(user.username)}`)).json().items[0].phone).toBe('0939-5521234 转 8');
    expect((await office.patch(`/api/users/${user.id}`, { phone: null })).json().user.phone).toBeNull();
    expect((await office.post('/api/users', newUser())).json().user.phone).toBeNull();
  });

  it('refuses what is not a phone with 400 naming the field in Chinese', async () => {
    const res = await office.post('/api/users', newUser({ phone: 'call me' }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([{ field: 'phone', message: '请填写电话号码，例如 0939-5521234' }]);
    const { user } = (await office.post('/api/users', newUser())).json();
    const patch = await office.patch(`/api/users/${user.id}`, { phone: '12' });
    expect(patch.statusCode).toBe(400);
    expect(errorOf(patch).details).toEqual([expect.objectContaining({ field: 'phone', message: '电话号码太短' })]);
  });

  it('refuses a phone with fewer than 7 digits, its extension not counted, and takes the forms offices write', async () => {
    const fewDigits = '电话号码至少应有 7 位数字，例如 0939-5521234';
    const res = await office.post('/api/users', newUser({ phone: '---' }));
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).details).toEqual([{ field: 'phone', message: fewDigits }]);
    const { user } = (await office.post('/api/users', newUser())).json();
    for (const phone of ['++++', '(0939) 55', '++++ 转 1234567']) {
      const patch = await office.patch(`/api/users/${user.id}`, { phone });
      expect(patch.statusCode, phone).toBe(400);
      expect(errorOf(patch).details).toEqual([{ field: 'phone', message: fewDigits }]);
    }
    for (const phone of ['5521234', '+86 138 0939 2111', '(0939) 552-1234', '0939-5521234 ext. 12', '0939-5521234转8']) {
      const patch = await office.patch(`/api/users/${user.id}`, { phone });
      expect(patch.statusCode, `${phone} ${patch.body}`).toBe(200);
      expect(patch.json().user.phone).toBe(phone);
    }
  });
});

describe('listing and changing users', () => {
  it('lists users with paging and no password hashes', async () => {
    await office.post('/api/users', newUser());
    const res = await office.get('/api/users?pageSize=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 2 });
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(res.body).not.toMatch(/passwordHash|scrypt/);
  });

  it('changes the display name and role', async () => {
    const { user } = (await office.post('/api/users', newUser())).json();
    const res = await office.patch(`/api/users/${user.id}`, { displayName: '李工', role: 'viewer' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ displayName: '李工', role: 'viewer' });
  });

  it('resets a password: the old one stops working and the user’s sessions end', async () => {
    const agent = await t.as('technician');
    const res = await office.patch(`/api/users/${agent.user.id}`, { password: 'brand new pass' });
    expect(res.statusCode).toBe(200);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/auth/login', { username: agent.user.username, password: PASSWORD })).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/auth/login', { username: agent.user.username, password: 'brand new pass' })).statusCode).toBe(200);
  });

  it('re-enables a disabled user', async () => {
    const agent = await t.as('technician');
    await office.patch(`/api/users/${agent.user.id}`, { disabled: true });
    const res = await office.patch(`/api/users/${agent.user.id}`, { disabled: false });
    expect(res.json().user.disabled).toBe(false);
    expect((await t.anonymous.post('/api/auth/login', { username: agent.user.username, password: PASSWORD })).statusCode).toBe(200);
  });

  it('will not disable or demote the last active office user (409)', async () => {
    const solo = await createTestApp();
    try {
      const only = await solo.as('office');
      const res = await only.patch(`/api/users/${only.user.id}`, { disabled: true });
      expect(res.statusCode).toBe(409);
      expect((await only.patch(`/api/users/${only.user.id}`, { role: 'viewer' })).statusCode).toBe(409);
      expect((await only.get('/api/auth/me')).statusCode).toBe(200);
    } finally {
      await solo.close();
    }
  });

  it('refuses unknown fields and a short password with 400, an unknown id with 404', async () => {
    const agent = await t.as('viewer');
    expect((await office.patch(`/api/users/${agent.user.id}`, { username: 'rename' })).statusCode).toBe(400);
    expect((await office.patch(`/api/users/${agent.user.id}`, { password: 'short' })).statusCode).toBe(400);
    expect((await office.patch(`/api/users/${randomUUID()}`, { displayName: 'x' })).statusCode).toBe(404);
    expect((await office.patch(`/api/users/whatever`, { displayName: 'x' })).statusCode).toBe(404);
  });

  it('is the office’s alone', async () => {
    const technician = await t.as('technician');
    expect((await technician.get('/api/users')).statusCode).toBe(403);
    expect((await technician.post('/api/users', newUser())).statusCode).toBe(403);
    expect((await technician.patch(`/api/users/${technician.user.id}`, { role: 'office' })).statusCode).toBe(403);
  });
});
