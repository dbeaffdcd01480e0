import { z } from 'zod';
import { User } from './users.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = User.pick({ id: true, username: true, displayName: true, role: true, unitId: true });
export type SessionUser = z.infer<typeof SessionUser>;
export const MeResponse = z.object({ user: SessionUser });
