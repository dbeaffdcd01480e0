// Each level's voice (shared/domain/voice.ts), read over real names of reference/china-areas.csv:
// a district signs and speaks as a district, a banner as a banner, a prefecture as a prefecture.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../shared/domain/notify-digest.js';
import { addresseeOf, bulletinNumberOf, noticeNumberOf, voiceOf, type VoiceArea } from '../../shared/domain/voice.js';

const AREAS: VoiceArea[] = readFileSync(new URL('../../reference/china-areas.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, name, level] = line.split(',');
    return { code, name, level: level as VoiceArea['level'] };
  });
const byCode = new Map(AREAS.map((a) => [a.code, a]));
/** The area and its ancestors, as the server reads them. */
const chainOf = (code: string) => [2, 4, 6].filter((n) => n <= code.length).map((n) => byCode.get(code.slice(0, n))!);
const voice = (code: string) => voiceOf(chainOf(code))!;

describe('an area’s voice derived from its name', () => {
  it.each([
    // code, real name, 落款, 文号 prefix, 全X, 本X
    ['621223', '宕昌县', '宕昌县人民政府办公室', '宕政办', '全县', '本县'],
    ['621202', '武都区', '武都区人民政府办公室', '武政办', '全区', '本区'],
    ['6212', '陇南市', '陇南市人民政府办公室', '陇政办', '全市', '本市'],
    ['62', '甘肃省', '甘肃省人民政府办公厅', '甘政办', '全省', '本省'],
    ['6230', '甘南藏族自治州', '甘南藏族自治州人民政府办公室', '甘政办', '全州', '本州'],
    ['623021', '临潭县', '临潭县人民政府办公室', '临政办', '全县', '本县'],
    ['620923', '肃北蒙古族自治县', '肃北蒙古族自治县人民政府办公室', '肃政办', '全县', '本县'],
    ['150121', '土默特左旗', '土默特左旗人民政府办公室', '土政办', '全旗', '本旗'],
    ['152921', '阿拉善左旗', '阿拉善左旗人民政府办公室', '阿政办', '全旗', '本旗'],
    ['1529', '阿拉善盟', '阿拉善盟行政公署办公室', '阿行署办', '全盟', '本盟'],
    ['6531', '喀什地区', '喀什地区行政公署办公室', '喀行署办', '全地区', '本地区'],
    ['429021', '神农架林区', '神农架林区人民政府办公室', '神政办', '全区', '本区'],
    ['520203', '六枝特区', '六枝特区人民政府办公室', '六政办', '全区', '本区'],
    ['620982', '敦煌市', '敦煌市人民政府办公室', '敦政办', '全市', '本市'],
    ['45', '广西壮族自治区', '广西壮族自治区人民政府办公厅', '广政办', '全区', '本区'],
    ['11', '北京市', '北京市人民政府办公厅', '北政办', '全市', '本市'],
    ['130171', '石家庄高新技术产业开发区', '石家庄高新技术产业开发区管理委员会办公室', '石管办', '全区', '本区'],
  ])('%s %s signs as %s, numbers with %s, says %s and %s', (code, name, signing, prefix, whole, own) => {
    expect(byCode.get(code)?.name).toBe(name);
    expect(voice(code)).toMatchObject({ areaCode: code, areaName: name, signingOffice: signing, docPrefix: prefix, whole, own });
  });

  it('a placeholder of the statistical tree (北京市 市辖区) speaks as its real parent', () => {
    expect(byCode.get('1101')?.name).toBe('市辖区');
    expect(voice('1101')).toMatchObject({ areaCode: '11', signingOffice: '北京市人民政府办公厅', whole: '全市' });
  });

  it('never calls a district, a banner, a city or a prefecture a county', () => {
    for (const area of AREAS) {
      if (/(区|旗|市|州|盟)$/.test(area.name) && !/县/.test(area.name.slice(-1))) {
        const v = voice(area.code);
        expect(v.whole, area.name).not.toBe('全县');
        expect(v.signingOffice.startsWith('县'), area.name).toBe(false);
      }
    }
  });

  it('every real area signs with its own name', () => {
    for (const area of AREAS) {
      if (area.name === '市辖区' || area.name === '县' || /(行政区划|群岛|海域)$/.test(area.name)) continue;
      expect(voice(area.code).signingOffice.startsWith(area.name), area.name).toBe(true);
    }
  });

  it('an office’s own 落款 and prefix win over the derived ones; blank ones derive', () => {
    const chain = chainOf('621223').map((a) => (a.code === '621223' ? { ...a, signingOffice: '宕昌县政务服务中心', docPrefix: '宕政服' } : a));
    expect(voiceOf(chain)).toMatchObject({ signingOffice: '宕昌县政务服务中心', docPrefix: '宕政服', whole: '全县' });
    const blank = chainOf('621202').map((a) => ({ ...a, signingOffice: '  ', docPrefix: null }));
    expect(voiceOf(blank)).toMatchObject({ signingOffice: '武都区人民政府办公室', docPrefix: '武政办' });
  });
});

describe('how an area addresses the areas below it', () => {
  const children = (code: string) => AREAS.filter((a) => a.code.length === code.length + 2 && a.code.startsWith(code));
  it.each([
    ['6212', '各县（区）'], // 陇南市: 武都区 and eight 县
    ['62', '各市（州）'], // 甘肃省: twelve 市 and two 自治州
    ['6209', '各县（市、区）'], // 酒泉市: 肃州区, 玉门市, 敦煌市 and its 县
    ['1529', '各旗'], // 阿拉善盟
  ])('%s addresses %s', (code, addressee) => {
    expect(addresseeOf(children(code))).toBe(addressee);
  });
});

describe('numbers', () => {
  it('are the issuer’s prefix, the year and the sequence', () => {
    expect(noticeNumberOf('宕政办', 2026, 3)).toBe('宕政办催〔2026〕3号');
    expect(bulletinNumberOf('陇政办', 2026, 2)).toBe('陇政办通〔2026〕第2期');
    // the installation speaking for itself, with no prefix set: the form it always printed
    expect(noticeNumberOf('', 2026, 3)).toBe('催办〔2026〕第 3 号');
    expect(bulletinNumberOf('', 2026, 2)).toBe('通报〔2026〕第2期');
  });
});

describe('the daily digest', () => {
  const base = { date: '2026-12-06', totals: { totalUnits: 3, onboarded: 1, laggards: 0 }, byCategory: {} as never, laggards: [], maxBytes: 4096 };
  it('of a district’s channel speaks as the district', () => {
    const m = buildDigest({ ...base, voice: { areaName: '武都区', whole: '全区' } });
    expect(m.title).toBe('武都区政务专网接入日报 2026-12-06');
    expect(m.text).toContain('### 武都区政务专网接入日报（2026-12-06）\n全区 **3** 个单位');
    expect(m.text).not.toContain('全县');
  });
  it('of the whole installation says 全部 as before', () => {
    expect(buildDigest(base).text).toContain('全部 **3** 个单位');
  });
});
