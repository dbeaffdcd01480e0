// An area's code as a field (its own file: the report and the area schemas both take it, and
// areas.ts already imports reports.ts).
import { z } from 'zod';
import { AREA_CODE } from '../domain/areas.js';

/** A province (2 digits), city (4) or county (6) code; whether it exists is the table's to say. */
export const AreaCode = z.string().trim().regex(AREA_CODE, '须为 2、4 或 6 位行政区划代码');
