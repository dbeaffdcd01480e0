import { describe, expect, it } from 'vitest';
import { activeNav, homePath, navItems } from '../../web/src/app/nav.js';
import { createMemoryHistory, createRouter } from '@tanstack/react-router';
import { routeTree } from '../../web/src/app/routes.js';
import { office, technician, unitUser } from './render.js';

describe('navigation', () => {
  it('matches a path with parameters', () => {
    const router = createRouter({ routeTree, history: createMemoryHistory(), context: { queryClient: null as never } });
    const match = (path: string) => {
      const [, params, route] = router.getMatchedRoutes(path);
      return route && !('**' in params) ? { route: route.fullPath, params } : undefined;
    };
    expect(match('/units/abc%20d')).toEqual({ route: '/units/$id', params: { id: 'abc d' } });
    expect(match('/units/abc/edit')).toEqual({ route: '/units/$id/edit', params: { id: 'abc' } });
    expect(match('/units/')).toEqual({ route: '/units', params: {} });
    expect(match('/units/abc/edit/more')).toBeUndefined();
  });

  it('lands each role on its own start page', () => {
    expect(homePath(office)).toBe('/overview');
    expect(homePath(technician)).toBe('/field');
    expect(homePath(unitUser('u 7'))).toBe('/units/u%207');
  });

  it('shows a unit contact nothing but its own unit', () => {
    // Its own unit first (its home), then the trainings its backbone signs in to; no other unit, list or office page.
    expect(navItems(unitUser('u7')).map((i) => i.to)).toEqual(['/units/u7', '/trainings']);
  });

  it('marks the section of a nested page as current', () => {
    const items = navItems(office);
    expect(activeNav(items, '/laggards/bulletin')).toBe('/laggards');
    expect(activeNav(items, '/units/42')).toBe('/units');
  });
});
