// DingTalk's 加签: the robot checks `timestamp` (ms) and `sign` = URL-encoded Base64 of
// HMAC-SHA256 over `timestamp + "\n" + secret`, keyed with the secret. WebCrypto, so that the
// rule needs nothing of Node's.

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

/** The `sign` query value (already URL-encoded) for a timestamp and secret. */
export async function dingtalkSign(timestamp: number, secret: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(`${timestamp}\n${secret}`));
  return encodeURIComponent(toBase64(new Uint8Array(mac)));
}

/** The webhook address with `timestamp` and `sign` appended, as DingTalk wants it. */
export async function signedDingtalkUrl(webhookUrl: string, secret: string, timestamp: number): Promise<string> {
  const sign = await dingtalkSign(timestamp, secret);
  return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
}
