// What a group robot's answer (a delivery's lastAnswer, as the sender stores it) means, as one
// cause the dashboard says in words with what to do: the stored text keeps the technical detail
// (an error code, the HTTP status, the robot's JSON) for whoever must dig further.
export const ROBOT_CAUSES = [
  'ok',
  'dns',
  'refused',
  'timeout',
  'tls',
  'reset',
  'unreachable',
  'private',
  'not_allowed',
  'busy',
  'redirect',
  'not_found',
  'server_error',
  'rate_limited',
  'robot_key',
  'robot_security',
  'robot',
  'http',
  'unknown',
] as const;
export type RobotCause = (typeof ROBOT_CAUSES)[number];

/** The text the sender stores when a test message finds the robot's minute already used. */
export const BUSY_ANSWER = 'robot busy: its messages for this minute are used up';

const errcodeIn = (text: string): number | undefined => {
  const m = /"errcode"\s*:\s*(-?\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
};

/** The cause of a stored answer; null when there is none yet. */
export function robotCause(answer: string | null | undefined): RobotCause | null {
  if (!answer) return null;
  const last = /last answer: ([\s\S]*)$/.exec(answer);
  if (answer.startsWith('gave up:') && last) return robotCause(last[1]);
  if (answer.startsWith(BUSY_ANSWER)) return 'busy';
  if (answer.startsWith('not sent:')) return 'not_allowed';
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(answer)) return 'dns';
  if (/ECONNREFUSED/.test(answer)) return 'refused';
  if (/no answer within|ETIMEDOUT|ESOCKETTIMEDOUT/.test(answer)) return 'timeout';
  if (/CERT|SSL|TLS|EPROTO/.test(answer)) return 'tls';
  if (/ECONNRESET|EPIPE|broke off|socket hang up/.test(answer)) return 'reset';
  if (/EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN/.test(answer)) return 'unreachable';
  if (/private address|loopback address/.test(answer)) return 'private';
  const http = /^HTTP (\d{3})/.exec(answer);
  if (!http) return 'unknown';
  const status = Number(http[1]);
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status !== 200) return 'http';
  const code = errcodeIn(answer);
  if (code === 0) return 'ok';
  if (code === 45009 || code === 130101) return 'rate_limited';
  // WeChat Work: 93000 invalid webhook url, 93004 robot disabled; DingTalk: 300001/300005 token missing or unknown
  if (code === 93000 || code === 93004 || code === 300001 || code === 300005 || code === 400101) return 'robot_key';
  // DingTalk's security settings: 310000 signature, keyword or IP address not matched
  if (code === 310000) return 'robot_security';
  return 'robot';
}
