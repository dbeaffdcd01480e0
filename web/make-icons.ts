// Draws the app's icons into web/public (run once: `npx tsx web/make-icons.ts`): a blue tile with
// three linked nodes, the network every unit joins. No image library: a tiny PNG encoder.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [11, 92, 173];
const WHITE = [255, 255, 255];
// node centres and radius on a 100-unit canvas; the links between them
const NODES: [number, number][] = [[50, 28], [28, 68], [72, 68]];
const R = 10;
const LINKS: [number, number][] = [[0, 1], [0, 2], [1, 2]];
const LINE = 4.5;

function distToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** 1 inside the glyph, 0 outside, with a soft edge one pixel wide. */
function glyph(x: number, y: number, scale: number) {
  let d = Infinity;
  for (const n of NODES) d = Math.min(d, Math.hypot(x - n[0], y - n[1]) - R);
  for (const [a, b] of LINKS) d = Math.min(d, distToSegment(x, y, NODES[a], NODES[b]) - LINE / 2);
  return Math.max(0, Math.min(1, 0.5 - d * scale));
}

function crc32(buf: Buffer) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, { maskable }: { maskable: boolean }) {
  const rows: Buffer[] = [];
  // a maskable icon keeps its glyph inside the middle 80 %; the plain one has rounded corners
  const inset = maskable ? 0.14 : 0.02;
  const corner = maskable ? 0 : 0.18 * size;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const cx = Math.min(px + 0.5, size - px - 0.5), cy = Math.min(py + 0.5, size - py - 0.5);
      let alpha = 1;
      if (corner && cx < corner && cy < corner) alpha = Math.max(0, Math.min(1, corner - Math.hypot(corner - cx, corner - cy) + 0.5));
      const u = ((px + 0.5) / size - inset) / (1 - 2 * inset) * 100;
      const v = ((py + 0.5) / size - inset) / (1 - 2 * inset) * 100;
      const g = glyph(u, v, size * (1 - 2 * inset) / 100);
      const o = 1 + px * 4;
      for (let i = 0; i < 3; i++) row[o + i] = Math.round(BLUE[i] * (1 - g) + WHITE[i] * g);
      row[o + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="rgb(${BLUE.join(',')})"/>
<g stroke="#fff" stroke-width="${LINE}">${LINKS.map(([a, b]) => `<line x1="${NODES[a][0]}" y1="${NODES[a][1]}" x2="${NODES[b][0]}" y2="${NODES[b][1]}"/>`).join('')}</g>
<g fill="#fff">${NODES.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="${R}"/>`).join('')}</g>
</svg>
`;

const out = new URL('./public/', import.meta.url);
writeFileSync(new URL('icon.svg', out), svg);
writeFileSync(new URL('icon-192.png', out), png(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), png(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', out), png(180, { maskable: true }));
