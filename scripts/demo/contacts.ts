// The demo's people at the units: a contact with a phone for every unit, made up but plausible
// (common surnames of 陇南, 1xx numbers in a range no real subscriber holds), the same every run.
import type { DemoUnit } from './counties.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '梁'];
const GIVEN = ['建国', '海燕', '志强', '丽娟', '文斌', '秀英', '国庆', '晓东', '玉兰', '小军', '红梅', '永红', '学文', '春花', '继平', '宏伟', '静', '磊', '芳', '强'];

/** The unit's contact person and phone, from its place in the demo (serial) alone. */
export function contactOf(unit: Pick<DemoUnit, 'code'>, serial: number): { name: string; phone: string } {
  const name = SURNAMES[serial % SURNAMES.length] + GIVEN[(serial * 7 + unit.code.length) % GIVEN.length];
  // 1390939xxxx: 0939 is 陇南's area code, kept in the middle so a reader sees the place
  const phone = `1390939${String(1000 + ((serial * 389) % 9000)).padStart(4, '0')}`;
  return { name, phone };
}

/** A technician's phone in the same made-up range. */
export const technicianPhone = (k: number) => `1380939${String(2000 + k * 111).padStart(4, '0')}`;
