// No dead ends (issue 27): a unit's page names its technician with a phone, and where to register
// and whom to call as its area sets them (else the city's, else the installation's).
import { describe, expect } from 'vitest';
import { test } from '../helpers/fixture.js';

const TANCHANG = '621223';

describe('whom a unit turns to', () => {
  test('shows the technician\'s name and phone, and the platform and helpdesk its area sets', async ({ t, office, longnan, tanchang }) => {
    const tech = await t.as('technician', { scope: TANCHANG });
    // the office gives the technician's phone through the users API
    expect((await tanchang.office.patch(`/api/users/${tech.user.id}`, { phone: '13809392111' })).statusCode).toBe(200);
    const unit = (await office.post('/api/units', { code: '621223101', name: '城关镇人民政府', kind: 'township', areaCode: TANCHANG, assigneeId: tech.user.id })).json().unit;
    expect(unit.id).toBeTruthy();
    const read = async () => (await tanchang.office.get(`/api/units/${unit.id}`)).json().unit;
    expect((await read()).registrationHelp).toEqual({ platformUrl: null, helpdeskPhone: null });
    expect((await read()).assignee).toMatchObject({ displayName: tech.user.displayName, phone: '13809392111' });

    // the city sets both; the county overrides the phone alone
    const city = await longnan.office.put('/api/settings/help?area=6212', { platformUrl: 'https://sb.longnan.example.gov.cn', helpdeskPhone: '0939-8211000' });
    expect(city.statusCode, city.body).toBe(200);
    expect((await read()).registrationHelp).toEqual({ platformUrl: 'https://sb.longnan.example.gov.cn', helpdeskPhone: '0939-8211000' });
    const county = await tanchang.office.put(`/api/settings/help?area=${TANCHANG}`, { platformUrl: null, helpdeskPhone: '0939-5521234' });
    expect(county.json()).toEqual({ own: { platformUrl: null, helpdeskPhone: '0939-5521234' }, effective: { platformUrl: 'https://sb.longnan.example.gov.cn', helpdeskPhone: '0939-5521234' } });
    expect((await read()).registrationHelp).toEqual({ platformUrl: 'https://sb.longnan.example.gov.cn', helpdeskPhone: '0939-5521234' });

    // a county office sets neither its city's nor the installation's
    expect((await tanchang.office.put('/api/settings/help?area=6212', { platformUrl: null, helpdeskPhone: null })).statusCode).toBe(404);
    expect((await tanchang.office.put('/api/settings/help', { platformUrl: null, helpdeskPhone: null })).statusCode).toBe(403);
    expect((await tanchang.office.put(`/api/settings/help?area=${TANCHANG}`, { platformUrl: 'ftp://x', helpdeskPhone: null })).statusCode).toBe(400);
  });
});
