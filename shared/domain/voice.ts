// Each level's voice (docs/contract/areas.md "Each level's voice"): who signs a document an area's
// office issues (落款), the prefix of its numbers (文号), and the words it uses for itself (全区,
// 本区) and for the areas below it (各县（区）). Derived from the area's statistical name when the
// area's office has set nothing: a district is never spoken of as a county.

export interface VoiceArea {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
}

/** What an area's office has set for itself; null: derived from the name. */
export interface OwnVoice {
  signingOffice?: string | null;
  docPrefix?: string | null;
}

/** Who speaks: the issuing area (null: the installation itself, for one without areas). */
export interface Voice {
  areaCode: string | null;
  areaName: string | null;
  /** 落款: 宕昌县人民政府办公室 */
  signingOffice: string;
  /** 文号 prefix: 宕政办 ('' for the installation unless set) */
  docPrefix: string;
  /** the area's one-word kind: 县, 区, 市, 旗, 州, 盟, 地区, 省 */
  word: string;
  /** 全县 / 全区 / 全市 … */
  whole: string;
  /** 本县 / 本区 / 本市 … */
  own: string;
}

/**
 * Names of the statistical tree that are no government: a city-level 市辖区 or 县 under a
 * municipality, the 省直辖县级行政区划 groupings, islands. Such an area speaks with its parent's voice.
 */
export const isPlaceholderName = (name: string) => name === '市辖区' || name === '县' || name.endsWith('行政区划') || name.endsWith('群岛') || name.endsWith('海域');

/** The kind word a name ends in, longest suffix first; null when the name says nothing. */
const KIND_BY_SUFFIX: ReadonlyArray<readonly [suffix: string, word: string]> = [
  ['自治区', '区'],
  ['自治州', '州'],
  ['自治县', '县'],
  ['自治旗', '旗'],
  ['地区', '地区'],
  ['管委会', '区'],
  ['委员会', '区'],
  ['新城', '区'],
  ['省', '省'],
  ['市', '市'],
  ['州', '州'],
  ['盟', '盟'],
  ['旗', '旗'],
  ['县', '县'],
  ['区', '区'], // 区, 林区, 特区, 新区, 开发区, 管理区
];

const LEVEL_WORD: Record<VoiceArea['level'], string> = { province: '省', city: '市', county: '县' };

export function kindWord(area: Pick<VoiceArea, 'name' | 'level'>): string {
  return KIND_BY_SUFFIX.find(([suffix]) => area.name.endsWith(suffix))?.[1] ?? LEVEL_WORD[area.level];
}

/** Zones run by a management committee (管委会), not a people's government. */
const ZONE = /(开发区|新区|管理区|新城|试验区|示范区)$/;

/** 落款 as derived from the name: a province's (and a municipality's) general office is a 办公厅. */
export function derivedSigningOffice(area: VoiceArea): string {
  const { name } = area;
  if (/(管委会|委员会)$/.test(name)) return `${name}办公室`;
  if (ZONE.test(name)) return `${name}管理委员会办公室`;
  if (/(地区|盟)$/.test(name)) return `${name}行政公署办公室`;
  return `${name}人民政府${area.level === 'province' ? '办公厅' : '办公室'}`;
}

/** 文号 prefix as derived from the name: its first character and the office's short name (宕政办, 陇政办). */
export function derivedDocPrefix(area: VoiceArea): string {
  const first = [...area.name][0] ?? '';
  if (/(管委会|委员会)$/.test(area.name) || ZONE.test(area.name)) return `${first}管办`;
  if (/(地区|盟)$/.test(area.name)) return `${first}行署办`;
  return `${first}政办`;
}

/** The installation speaking for itself (no area): its settings' 落款, and no prefix unless set. */
export function installationVoice(signingOffice: string, docPrefix = ''): Voice {
  return { areaCode: null, areaName: null, signingOffice, docPrefix, word: '县', whole: '全县', own: '本县' };
}

/**
 * The voice of `chain` (the area and its ancestors, any order, each with its own settings: null
 * or empty is derived). A placeholder area (市辖区) speaks as its nearest real ancestor.
 */
export function voiceOf(chain: ReadonlyArray<VoiceArea & OwnVoice>): Voice | null {
  const sorted = [...chain].sort((a, b) => b.code.length - a.code.length);
  const speaker = sorted.find((a) => !isPlaceholderName(a.name));
  if (!speaker) return null;
  const word = kindWord(speaker);
  return {
    areaCode: speaker.code,
    areaName: speaker.name,
    signingOffice: speaker.signingOffice?.trim() || derivedSigningOffice(speaker),
    docPrefix: speaker.docPrefix?.trim() || derivedDocPrefix(speaker),
    word,
    whole: `全${word}`,
    own: `本${word}`,
  };
}

const ADDRESS_ORDER = ['县', '市', '区', '旗', '州', '盟', '地区', '省'];

/**
 * How an area addresses the areas below it, from their names: 各县（区） for 陇南市, 各市（州） for
 * 甘肃省, 各县（市、区） where all three are. Null: no child with a real name.
 */
export function addresseeOf(children: ReadonlyArray<Pick<VoiceArea, 'name' | 'level'>>): string | null {
  // development zones (管委会) are no level of government: the wording leaves them out
  const words = new Set(children.filter((c) => !isPlaceholderName(c.name) && !ZONE.test(c.name) && !/(管委会|委员会)$/.test(c.name)).map(kindWord));
  const ordered = ADDRESS_ORDER.filter((w) => words.has(w));
  if (ordered.length === 0) return null;
  const [first, ...rest] = ordered;
  return rest.length ? `各${first}（${rest.join('、')}）` : `各${first}`;
}

/** The offices an area's bulletin is addressed to: 各县（区）人民政府办公室. */
export const addresseeOffices = (addressee: string) => `${addressee}人民政府办公室`;

/**
 * 宕政办催〔2026〕3号. Without a prefix (an installation that speaks for itself and set none) the
 * form it always printed: 催办〔2026〕第 3 号.
 */
export const noticeNumberOf = (docPrefix: string, year: number, seq: number) => (docPrefix ? `${docPrefix}催〔${year}〕${seq}号` : `催办〔${year}〕第 ${seq} 号`);
/** 陇政办通〔2026〕第2期; without a prefix: 通报〔2026〕第2期 */
export const bulletinNumberOf = (docPrefix: string, year: number, seq: number) => `${docPrefix || '通报'}${docPrefix ? '通' : ''}〔${year}〕第${seq}期`;

/** The longest 落款 and 文号 prefix an office may set. */
export const MAX_SIGNING_OFFICE = 60;
export const MAX_DOC_PREFIX = 12;
