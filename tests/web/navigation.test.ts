import { describe, expect, it } from 'vitest';
import { activeNav, homePath, navItems } from '../../web/src/app/nav.js';
import { matchPath } from '../../web/src/shared/router/router.js';
import { office, technician, unitUser } from './render.js';

describe('navigation', () => {
  it('matches a path with parameters', () => {
    expect(matchPath('/units/:id', '/units/abc%20d')).toEqual({ id: 'abc d' });
    expect(matchPath('/units/:id', '/units/abc/edit')).toBeNull();
    expect(matchPath('/units', '/units/')).toEqual({});
  });

  it('lands each role on its own start page', () => {
    expect(homePath(office)).toBe('/overview');
    expect(homePath(technician)).toBe('/field');
    expect(homePath(unitUser('u 7'))).toBe('/units/u%207');
  });

  it('shows a unit contact nothing but its own unit', () => {
    expect(navItems(unitUser('u7')).map((i) => i.to)).toEqual(['/units/u7']);
  });

  it('marks the section of a nested page as current', () => {
    const items = navItems(office);
    expect(activeNav(items, '/laggards/bulletin')).toBe('/laggards');
    expect(activeNav(items, '/units/42')).toBe('/units');
  });
});
