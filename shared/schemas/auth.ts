import { z } from 'zod';
import { Password, User } from './users.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = User.pick({ id: true, username: true, displayName: true, role: true, unitId: true, scope: true });
export type SessionUser = z.infer<typeof SessionUser>;
export const MeResponse = z.object({ user: SessionUser });

/** POST /api/auth/password: a user changes its own password. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** The `details` of a 429 from login: how long until a login may be tried again. */
export const RetryDetails = z.object({ retryAfter: z.number().int().positive() });
export type RetryDetails = z.infer<typeof RetryDetails>;
