import { z } from 'zod';
import { ROLES } from '../domain/catalogue.js';
import { AreaCode } from './areas.js';
import { Id, IsoDateTime, PageQuery, RefId, Text, listOf } from './common.js';
import { Phone } from './unit-help.js';

export const Role = z.enum(ROLES);

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: Id.nullable(),
  /** what an office, viewer or technician sees: an area code, or null for the whole installation */
  scope: AreaCode.nullable(),
  disabled: z.boolean(),
  /** a technician's phone, which the units it looks after see on their page; null: none given (absent from a server before it) */
  phone: z.string().nullable().optional(),
  createdAt: IsoDateTime,
});
export type User = z.infer<typeof User>;

export const UserResponse = z.object({ user: User });

// Checked in NFKC, the form it is stored in (shared/domain/usernames.ts): an NFD-typed é (e and a
// combining accent) is é, full-width ａｄｍｉｎ is admin. Combining marks that NFKC leaves (as in
// many scripts' vowel signs) are allowed, only not first.
export const Username = z
  .string()
  .trim()
  .transform((s) => s.normalize('NFKC'))
  .pipe(
    z
      .string()
      .min(2)
      .max(64)
      .regex(/^[\p{L}\p{N}._@-][\p{L}\p{M}\p{N}._@-]*$/u, 'letters, digits and . _ @ - only'),
  );
export const Password = z.string().min(8, 'at least 8 characters').max(256);

/** a unit's contact sees its own unit: it has no area scope */
export const UNIT_HAS_NO_SCOPE = '单位用户不设辖区，只看本单位';

export const CreateUser = z
  .object({
    username: Username,
    displayName: Text(100).min(1),
    role: Role,
    password: Password,
    unitId: RefId.nullish(),
    /** an area code, or null for the whole installation; absent: the creator's own scope */
    scope: AreaCode.nullish(),
    /** a technician's phone (shown to its units); absent or null: none */
    phone: Phone.nullish(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'unit' && !u.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'required for the unit role' });
    if (u.role !== 'unit' && u.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'only allowed with the unit role' });
    if (u.role === 'unit' && u.scope) ctx.addIssue({ code: 'custom', path: ['scope'], message: UNIT_HAS_NO_SCOPE });
  });
export type CreateUser = z.infer<typeof CreateUser>;

export const PatchUser = z
  .object({
    displayName: Text(100).min(1).optional(),
    role: Role.optional(),
    password: Password.optional(),
    disabled: z.boolean().optional(),
    unitId: RefId.nullish(),
    /** an area code, or null for the whole installation (office, viewer, technician only) */
    scope: AreaCode.nullish(),
    /** null clears it; absent keeps it */
    phone: Phone.nullish(),
  })
  .strict();
export type PatchUser = z.infer<typeof PatchUser>;

export const UserListQuery = PageQuery.extend({
  role: Role.optional(),
  q: z.string().trim().max(100).optional(),
});
export const UserList = listOf(User);
