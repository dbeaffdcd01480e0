// Every page has its own document title, so a browser tab and a page saved as PDF say what they are.
import { describe, expect, it } from 'vitest';
import { routeTree } from '../../web/src/app/routes.js';
import { pageTitle } from '../../web/src/app/title.js';
import i18n from '../../web/src/i18n/index.js';
import { office, technician, unitUser } from './render.js';

const zh = i18n.getFixedT('zh');
const en = i18n.getFixedT('en');

// every page of the route tree, with the key of its title
const routes = Object.values(routeTree.children ?? {})
  .map((r) => ({ path: (r.options as { path: string }).path, title: r.options.staticData?.title }))
  .filter((r): r is { path: string; title: NonNullable<typeof r.title> } => Boolean(r.title));

describe('document titles', () => {
  it('name each page, then the product, in Chinese and in English', () => {
    expect(pageTitle('/laggards', office, zh)).toBe('落后单位 · 政务专网接入进度');
    expect(pageTitle('/laggards/bulletin', office, zh)).toBe('落后单位通报 · 政务专网接入进度');
    expect(pageTitle('/audit', office, zh)).toBe('审计日志 · 政务专网接入进度');
    expect(pageTitle('/units/abc', office, zh)).toBe('单位详情 · 政务专网接入进度');
    expect(pageTitle('/laggards', office, en)).toBe('Laggards · Government network onboarding');
  });

  it('give every route a title of its own, in both languages', () => {
    for (const lang of [zh, en]) {
      expect(routes.length).toBeGreaterThan(15);
      const titles = routes.map((r) => pageTitle(r.path.replace('$id', 'u1'), office, lang));
      expect(new Set(titles).size).toBe(routes.length);
      for (const route of routes) expect(lang(route.title), route.path).not.toBe(route.title); // a key that has its words
      expect(titles.every((t) => t.endsWith(lang('app.title')))).toBe(true);
    }
  });

  it('say when the page is the login, refused or missing', () => {
    expect(pageTitle('/audit', null, zh)).toBe('登录 · 政务专网接入进度');
    expect(pageTitle('/audit', technician, zh)).toBe('无权访问 · 政务专网接入进度');
    expect(pageTitle('/units/other', unitUser('mine'), zh)).toBe('无权访问 · 政务专网接入进度');
    expect(pageTitle('/no-such-page', office, zh)).toBe('页面不存在 · 政务专网接入进度');
  });
});
