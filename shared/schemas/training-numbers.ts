// One area's training numbers (api.md "GET /api/reports/training"): the report's rows, and the
// roll-up rows' `training`. Apart from training.ts, which imports areas.ts, so areas.ts can use it.
import { z } from 'zod';

export const TrainingNumbers = z.object({
  units: z.number().int(),
  backboneNamed: z.number().int(),
  trained: z.number().int(),
  /** a report-back accepted */
  reportedBack: z.number().int(),
  /** a report-back accepted, reported within reportBackDays of the training's last day */
  reportedOnTime: z.number().int(),
  /** lagging as training_absent */
  absent: z.number().int(),
});
export type TrainingNumbers = z.infer<typeof TrainingNumbers>;
