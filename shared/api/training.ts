// Training the units' IT backbone (docs/contract/api.md "Training"). A training's `:id` is read
// through the caller's reach by the service (its area inside the scope), hence `filtered`.
import { IdParams } from '../schemas/common.js';
import {
  AttendanceResponse,
  Backbones,
  CreateTraining,
  MarkAttendance,
  NameBackbone,
  PatchTraining,
  ReportBackResponse,
  ReviewReportBack,
  Roster,
  SignIn,
  SignInCode,
  SignInPage,
  SubmitReportBack,
  TrainingList,
  TrainingListQuery,
  TrainingReport,
  TrainingReportQuery,
  TrainingResponse,
} from '../schemas/training.js';
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { everyone, office, overseers } from './roles.js';

const tag = 'training';
const officeOrContact = ['office', 'unit'] as const;

export const trainingApi = {
  backbones: endpoint({ method: 'GET', path: '/api/units/:id/backbones', tag, access: { roles: everyone, scope: 'unit' }, params: IdParams, response: { 200: Backbones } }),
  nameBackbone: endpoint({
    method: 'POST',
    path: '/api/units/:id/backbones',
    tag,
    access: { roles: officeOrContact, scope: 'unit' },
    params: IdParams,
    body: NameBackbone,
    response: { 201: z.object({ backbone: Backbones.shape.history.element }) },
  }),
  create: endpoint({ method: 'POST', path: '/api/trainings', tag, access: { roles: office, scope: 'filtered' }, body: CreateTraining, response: { 201: TrainingResponse } }),
  list: endpoint({ method: 'GET', path: '/api/trainings', tag, access: { roles: everyone, scope: 'filtered' }, query: TrainingListQuery, response: { 200: TrainingList } }),
  get: endpoint({ method: 'GET', path: '/api/trainings/:id', tag, access: { roles: everyone, scope: 'filtered' }, params: IdParams, response: { 200: TrainingResponse } }),
  patch: endpoint({ method: 'PATCH', path: '/api/trainings/:id', tag, access: { roles: office, scope: 'filtered' }, params: IdParams, body: PatchTraining, response: { 200: TrainingResponse } }),
  roster: endpoint({ method: 'GET', path: '/api/trainings/:id/roster', tag, access: { roles: everyone, scope: 'filtered' }, params: IdParams, response: { 200: Roster } }),
  signInCode: endpoint({ method: 'GET', path: '/api/trainings/:id/sign-in-code', tag, access: { roles: office, scope: 'filtered' }, params: IdParams, response: { 200: SignInCode } }),
  /** the phone's page before signing in: no session needed, only inside the sign-in window */
  signInPage: endpoint({ method: 'GET', path: '/api/trainings/:id/sign-in', tag, access: { roles: 'public', scope: 'none' }, params: IdParams, response: { 200: SignInPage } }),
  signIn: endpoint({ method: 'POST', path: '/api/trainings/:id/sign-in', tag, access: { roles: 'public', scope: 'none' }, params: IdParams, body: SignIn, response: { 200: AttendanceResponse } }),
  mark: endpoint({ method: 'POST', path: '/api/trainings/:id/attendance', tag, access: { roles: office, scope: 'filtered' }, params: IdParams, body: MarkAttendance, response: { 200: AttendanceResponse } }),
  close: endpoint({ method: 'POST', path: '/api/trainings/:id/close', tag, access: { roles: office, scope: 'filtered' }, params: IdParams, response: { 200: TrainingResponse } }),
  submitReportBack: endpoint({
    method: 'POST',
    path: '/api/trainings/:id/report-backs',
    tag,
    access: { roles: officeOrContact, scope: 'filtered' },
    params: IdParams,
    body: SubmitReportBack,
    response: { 201: ReportBackResponse },
  }),
  review: endpoint({ method: 'POST', path: '/api/report-backs/:id/review', tag, access: { roles: office, scope: 'filtered' }, params: IdParams, body: ReviewReportBack, response: { 200: ReportBackResponse } }),
  report: endpoint({ method: 'GET', path: '/api/reports/training', tag, access: { roles: overseers, scope: 'filtered' }, query: TrainingReportQuery, response: { 200: TrainingReport } }),
  reportCsv: endpoint({ method: 'GET', path: '/api/reports/training.csv', tag, access: { roles: overseers, scope: 'filtered' }, query: TrainingReportQuery, answer: 'file' }),
  reportXlsx: endpoint({ method: 'GET', path: '/api/reports/training.xlsx', tag, access: { roles: overseers, scope: 'filtered' }, query: TrainingReportQuery, answer: 'file' }),
};
