// The one table of import columns: which unit field each column heading names. A clerk's file
// says 电话 or 手机 as often as 联系电话; every heading that names nothing here is listed back in
// the check as ignored, never silently dropped.
export const IMPORT_FIELDS = ['code', 'name', 'kind', 'parentCode', 'contactName', 'contactPhone', 'address', 'wiringDue', 'connectionDue', 'assignee', 'areaCode'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const SYNONYMS: Record<ImportField, string[]> = {
  code: ['编码', '单位编码', '代码', '单位代码', '编号', '单位编号'],
  name: ['名称', '单位名称', '单位', '单位全称'],
  kind: ['类型', '单位类型', '类别', '单位类别'],
  parentCode: ['上级编码', '上级', '上级单位编码', '上级代码'],
  contactName: ['联系人', '负责人', '联系人姓名', '负责人姓名'],
  contactPhone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系人电话'],
  address: ['地址', '单位地址', '详细地址', '办公地址'],
  wiringDue: ['布线截止', '布线截止日期', '布线期限'],
  connectionDue: ['接入截止', '接入截止日期', '接入期限'],
  // the technician who looks after the unit, by username
  assignee: ['负责技术员', '技术员'],
  // the unit's county: a 6-digit code or a county's name (import.areas.ts); last, as in the units export
  areaCode: ['所属区县', '区县', '所属县区', '县区', '区县代码', '所属区县代码'],
};

/** The headings of the template file, in its column order. */
export const TEMPLATE_HEADERS = IMPORT_FIELDS.map((f) => SYNONYMS[f][0]);

/**
 * A heading as compared: NFKC (full-width letters and brackets), no spaces, lower case, without a
 * "required" mark (编码*, 名称（必填）).
 */
export const headingKey = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(\*|\(必填\))$/, '')
    .toLowerCase();

const BY_HEADING = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) {
  BY_HEADING.set(headingKey(f), f);
  for (const s of SYNONYMS[f]) BY_HEADING.set(headingKey(s), f);
}

export const fieldOfHeading = (h: string): ImportField | null => BY_HEADING.get(headingKey(h)) ?? null;

/** 类型 in the file's words. */
export const KINDS: Record<string, string> = { 乡镇: 'township', 部门: 'department', 其他: 'other', 其它: 'other' };

/**
 * What a cell says to clear a stored value. A blank cell keeps the stored value on update (a
 * re-import of a partial list must not erase contacts); this marker, with full- or half-width
 * brackets, sets the field to empty.
 */
export const CLEAR_MARKER = '（清空）';
export const isClearMarker = (v: string) => v.normalize('NFKC') === '(清空)';
