// The cluster's nginx: deploy/nginx.conf itself, with the trackers' ports filled in, inside a
// private main config whose files all live in the cluster's folder.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const NGINX = process.env.NGINX ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
export const NGINX_SITE = join(root, 'deploy/nginx.conf');

/** deploy/nginx.conf with its upstream servers and port filled in, inside a private nginx's main config */
export function nginxConfig(opts: { prefix: string; port: number; upstreams: number[]; accessLog: boolean }): string {
  const site = readFileSync(NGINX_SITE, 'utf8')
    .replace(/# servers: begin[\s\S]*?# servers: end/, opts.upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n    '))
    .replace(/# listen: begin[\s\S]*?# listen: end/, `listen 127.0.0.1:${opts.port};`);
  const at = (f: string) => join(opts.prefix, f);
  return `daemon off;
worker_processes auto;
pid ${at('nginx.pid')};
error_log ${at('error.log')} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  log_format cluster '$msec $status $request_method $request_uri $upstream_addr $upstream_status $request_time';
  access_log ${opts.accessLog ? `${at('access.log')} cluster` : 'off'};
  client_body_temp_path ${at('tmp/body')};
  proxy_temp_path ${at('tmp/proxy')};
  fastcgi_temp_path ${at('tmp/fastcgi')};
  uwsgi_temp_path ${at('tmp/uwsgi')};
  scgi_temp_path ${at('tmp/scgi')};
${site}
}
`;
}
