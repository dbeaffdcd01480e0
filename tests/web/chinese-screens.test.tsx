// @vitest-environment jsdom
// What the Chinese screens say where they used to show English or raw codes: the ranking rule,
// the time zone (北京时间, not "Asia/Shanghai"), the settings' errors, the server's messages.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, Settings } from '../../shared/schemas/index.js';
import { SeverityRule } from '../../web/src/features/reports/components/SeverityRule.js';
import { SettingsPage } from '../../web/src/features/settings/components/SettingsPage.js';
import { UnitPage } from '../../web/src/features/units/components/UnitPage.js';
import i18n from '../../web/src/i18n/index.js';
import { describeError, describeProblem } from '../../web/src/shared/api/describe-error.js';
import { ApiError } from '../../web/src/shared/api/http.js';
import { zoneName } from '../../web/src/shared/lib/zone-name.js';
import { detailOf, unitWith } from './fixtures.js';
import { fakeApi, office, renderAs } from './render.js';

const zh = i18n.getFixedT('zh');
/** Latin words but the names a Chinese screen writes as they are. */
const latin = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !['CSV', 'xlsx', 'Excel', 'UTF', 'IANA', 'Asia', 'Shanghai'].includes(w));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Chinese screens', () => {
  it('state the ranking rule in Chinese, with no formula in English', async () => {
    await renderAs(office, <SeverityRule />);
    const text = document.body.textContent!;
    expect(text).toContain('权重 × (1 + 天数 / 7)');
    expect(text).toContain('拒绝布线 5');
    expect(latin(text)).toEqual([]);
  });

  it('name the campaign’s time zone as a reader does: 北京时间', () => {
    expect(zoneName('Asia/Shanghai', 'zh')).toBe('北京时间');
    expect(zoneName('Asia/Shanghai', 'en')).toBe('Beijing time');
    expect(zoneName('Asia/Tokyo', 'zh')).toMatch(/^日本/);
    expect(zoneName('Mars/Base', 'zh')).toBe('Mars/Base');
  });

  it('say 北京时间 in the step form, not Asia/Shanghai', async () => {
    fakeApi(({ url }) => {
      if (url === '/api/settings') return { status: 200, body: DEFAULT_SETTINGS };
      if (url === '/api/units/unit-1') return { status: 200, body: { unit: detailOf(unitWith([])) } };
      if (url.startsWith('/api/units/unit-1/events')) return { status: 200, body: { items: [], total: 0, page: 1, pageSize: 500 } };
      return undefined;
    });
    await renderAs(office, <UnitPage id="unit-1" />);
    await userEvent.setup().selectOptions(await screen.findByLabelText(/步骤/), 'wiring.started');
    const hint = await screen.findByText(/补录时可改为实际发生的时间/);
    expect(hint.textContent).toContain('（北京时间）');
    expect(hint.textContent).not.toContain('Asia/Shanghai');
  });

  it('word the server’s and the schemas’ messages in Chinese', () => {
    const tz = Settings.safeParse({ ...DEFAULT_SETTINGS, timezone: 'Beijing' });
    const messages = [
      tz.success ? '' : tz.error.issues[0].message,
      'must be 1970-01-01 or later',
      'must be 1970 or later',
      'must be 2999-12-31 or earlier',
      'must not be after to',
      'is in the future',
      'only allowed with the unit role',
      'required for the unit role',
      'must not be empty (null means none)',
      'name the units: unitIds or parentCode',
      'contains a character that cannot be stored (U+0000 or half of a surrogate pair)',
      'the workbook has no sheet',
      'holds a date out of range',
      'text/csv or xlsx',
      'not valid JSON',
      'not accepted',
      'Invalid UUID',
      'Invalid input: expected string, received number',
      'Unrecognized key: "colour"',
      'this step is already void',
      "only the unit's most recent live step can be voided",
      'this is the last active office user: create or enable another one first',
    ];
    const english = messages.map((m) => [m, describeProblem(m, zh)]).filter(([, words]) => latin(words).length > 0);
    expect(english).toEqual([]);
    expect(describeProblem(messages[0], zh)).toBe('不是可识别的时区名称，请填写例如 Asia/Shanghai（北京时间）这样的名称');
    expect(describeError(new ApiError(409, 'CONFLICT', 'this is the last active office user: create or enable another one first'), zh).lines).toEqual([
      '这是最后一个在用的政府办账号，请先新建或启用另一个政府办账号',
    ]);
  });
});

describe('the settings page', () => {
  const serve = () =>
    fakeApi(({ method, url, body }) => {
      if (url === '/api/settings' && method === 'GET') return { status: 200, body: DEFAULT_SETTINGS };
      if (url === '/api/settings' && method === 'PUT') return { status: 200, body };
      return undefined;
    });

  it('says in Chinese that a time zone name is not known', async () => {
    const { calls } = serve();
    await renderAs(office, <SettingsPage />);
    const user = userEvent.setup();
    const box = await screen.findByLabelText(/时区/);
    expect(screen.getByText(/Asia\/Shanghai（北京时间）/)).toBeTruthy();
    await user.clear(box);
    await user.type(box, 'Beijing');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('不是可识别的时区名称，请填写例如 Asia/Shanghai（北京时间）这样的名称')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('warns, without refusing, when the connection is due before the wiring', async () => {
    const { calls } = serve();
    await renderAs(office, <SettingsPage />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/布线截止日期/), '2026-12-31');
    expect(screen.queryByText(/接入截止日期早于布线截止日期/)).toBeNull();
    await user.type(screen.getByLabelText(/接入截止日期/), '2026-12-15');
    const warning = await screen.findByRole('status');
    expect(within(warning).getByText(/接入截止日期早于布线截止日期/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('设置已保存。');
    expect(calls.find((c) => c.method === 'PUT')!.body).toMatchObject({ wiringDue: '2026-12-31', connectionDue: '2026-12-15' });
  });
});
