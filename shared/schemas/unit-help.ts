// GET|PUT /api/settings/help?area=: where units register (the application platform's address)
// and whom they call (its helpdesk), per area; a null inherits the nearest ancestor's, then the installation's.
import { z } from 'zod';
import { AreaCode } from './areas.js';

const PlatformUrl = z.string().trim().max(300).regex(/^https?:\/\/\S+$/, '申请平台地址应以 http:// 或 https:// 开头');
const Phone = z.string().trim().min(3).max(40).regex(/^[0-9+\-() 转]+$/, '请填写电话号码，例如 0939-5521234');

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
