// GET|PUT /api/settings/help?area=: where units register (the application platform's address)
// and whom they call (its helpdesk), per area; a null inherits the nearest ancestor's, then the installation's.
import { z } from 'zod';
import { AreaCode } from './areas.js';

const PlatformUrl = z.string().trim().max(300, '地址不能超过 300 个字符').regex(/^https?:\/\/\S+$/, '申请平台地址应以 http:// 或 https:// 开头');
/** the number, then an extension after 转 or ext (any case, a dot allowed) */
const PHONE_SHAPE = /^([0-9+\-() ]+?)\s*(?:(?:转|ext\.?)\s*[0-9]+)?$/i;
/** fewer digits than this is no number anyone can dial: a local landline has 7 */
export const PHONE_MIN_DIGITS = 7;

/** Why `phone` is not a phone, one reason (the first that holds), or null. */
export function phoneProblem(phone: string): string | null {
  if (phone.length < 3) return '电话号码太短';
  if (phone.length > 40) return '电话号码不能超过 40 个字符';
  const shape = PHONE_SHAPE.exec(phone);
  if (!shape) return '请填写电话号码，例如 0939-5521234';
  // the extension's digits do not count: "++++ 转 1234567" reaches nobody
  if (shape[1]!.replace(/\D/g, '').length < PHONE_MIN_DIGITS) return `电话号码至少应有 ${PHONE_MIN_DIGITS} 位数字，例如 0939-5521234`;
  return null;
}

/** a phone as an office writes it (landline with area code, mobile, an extension after 转 or ext) */
export const Phone = z
  .string()
  .trim()
  .superRefine((phone, ctx) => {
    const problem = phoneProblem(phone);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const RegistrationHelpQuery = z.object({ area: AreaCode.optional() });
export const RegistrationHelpBody = z.object({ platformUrl: PlatformUrl.nullable(), helpdeskPhone: Phone.nullable() });
export type RegistrationHelpBody = z.infer<typeof RegistrationHelpBody>;
export const RegistrationHelp = z.object({
  /** the area's own values (the installation's without area) */
  own: RegistrationHelpBody,
  /** the values in force there */
  effective: RegistrationHelpBody,
});
export type RegistrationHelp = z.infer<typeof RegistrationHelp>;
