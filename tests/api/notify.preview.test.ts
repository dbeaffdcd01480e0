// The daily digest seen before a channel is saved: the message the robot would get now, for the
// office's own scope, in the robot's own size.
import { describe, expect } from 'vitest';
import { test } from '../helpers/fixture.js';

describe('GET /api/channels/preview', () => {
  test('shows the office the digest its group would read, before any channel exists', async ({ office }) => {
    const unit = (await office.post('/api/units', { code: 'PV001', name: '预览测试单位', kind: 'department' })).json().unit;
    expect(unit.id).toBeTruthy();
    const res = await office.get('/api/channels/preview?kind=wecom');
    expect(res.statusCode, res.body).toBe(200);
    const { title, text } = res.json();
    expect(title).toMatch(/日报/);
    expect(text).toMatch(/单位/);
    expect((await office.get('/api/channels')).json().items).toEqual([]);
  });

  test('is the office\'s alone', async ({ viewer, technician }) => {
    expect((await viewer.get('/api/channels/preview?kind=wecom')).statusCode).toBe(403);
    expect((await technician.get('/api/channels/preview?kind=dingtalk')).statusCode).toBe(403);
  });
});
