// A time zone as a reader here names it: 北京时间 rather than "Asia/Shanghai".
/** China keeps one clock; these IANA names all read it (Urumqi's own clock is unofficial, UTC+6). */
const BEIJING = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

/** The zone's everyday name in `language` ('zh' or 'en'), e.g. 北京时间, 日本时间; the IANA name when none is known. */
export function zoneName(timeZone: string, language: string): string {
  const en = language === 'en';
  if (BEIJING.has(timeZone)) return en ? 'Beijing time' : '北京时间';
  try {
    const parts = new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
    const name = parts.find((p) => p.type === 'timeZoneName')?.value;
    // a zone without a name of its own comes back as an offset (GMT+06:00): keep the IANA name then
    if (name && !/^(GMT|UTC)/.test(name)) return name;
  } catch {
    // not a zone this browser knows
  }
  return timeZone;
}
