// LOLWUT's computer art (Redis's lolwut.c, lolwut5.c, lolwut6.c): a canvas of pixels drawn with
// the same integer and single-precision steps as the C code, so that with the same random
// numbers the picture is the same to the byte. Math.fround stands for every store into a C
// float; `rand` is glibc's rand(), a whole number in [0, RAND_MAX].

export type Rand = () => number;

/** glibc's RAND_MAX, and the same as a C float (2^31). */
const RAND_MAX_F = Math.fround(2147483647);

class Canvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: number,
  ) {
    this.pixels = new Uint8Array(width * height).fill(background);
  }

  set(x: number, y: number, color: number): void {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return;
    this.pixels[x + y * this.width] = color;
  }

  get(x: number, y: number): number {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return 0;
    return this.pixels[x + y * this.width]!;
  }

  /** Bresenham, as lwDrawLine. */
  line(x1: number, y1: number, x2: number, y2: number, color: number): void {
    const dx = Math.abs(x2 - x1);
    const dy = Math.abs(y2 - y1);
    const sx = x1 < x2 ? 1 : -1;
    const sy = y1 < y2 ? 1 : -1;
    let err = dx - dy;
    for (;;) {
      this.set(x1, y1, color);
      if (x1 === x2 && y1 === y2) break;
      const e2 = err * 2;
      if (e2 > -dy) {
        err -= dy;
        x1 += sx;
      }
      if (e2 < dx) {
        err += dx;
        y1 += sy;
      }
    }
  }

  /** A square centred at x,y, turned by angle (lwDrawSquare). */
  square(x: number, y: number, size: number, angle: number, color: number): void {
    const side = Math.fround(cRound(Math.fround(size / 1.4142135623)));
    const px: number[] = [];
    const py: number[] = [];
    let k = Math.fround(Math.PI / 4 + angle);
    for (let j = 0; j < 4; j++) {
      px.push(cRound(Math.sin(k) * side + x));
      py.push(cRound(Math.cos(k) * side + y));
      k = Math.fround(k + Math.PI / 2);
    }
    for (let j = 0; j < 4; j++) this.line(px[j]!, py[j]!, px[(j + 1) % 4]!, py[(j + 1) % 4]!, color);
  }
}

/** C's round(): halves away from zero (Math.round takes -2.5 to -2). */
function cRound(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** LOLWUT 5: Georg Nees's Schotter, in braille characters (UTF-8 bytes, as a byte string). */
export function schotter(cols: number, perRow: number, perCol: number, rand: Rand): string {
  const width = cols * 2;
  const padding = width > 4 ? 2 : 0;
  const side = Math.fround(Math.fround(width - padding * 2) / perRow);
  const height = Math.trunc(Math.fround(Math.fround(side * perCol) + padding * 2));
  const canvas = new Canvas(width, height, 0);
  const half = Math.fround(side / 2);
  for (let y = 0; y < perCol; y++) {
    for (let x = 0; x < perRow; x++) {
      let sx = Math.trunc(Math.fround(Math.fround(Math.fround(x * side) + half) + padding));
      let sy = Math.trunc(Math.fround(Math.fround(Math.fround(y * side) + half) + padding));
      let angle = 0;
      // Lower rows are turned and moved more and more at random.
      if (y > 1) {
        const r = () => Math.fround(Math.fround(Math.fround(Math.fround(rand()) / RAND_MAX_F) / perCol) * y);
        let r1 = r();
        let r2 = r();
        let r3 = r();
        if (rand() % 2 !== 0) r1 = -r1;
        if (rand() % 2 !== 0) r2 = -r2;
        if (rand() % 2 !== 0) r3 = -r3;
        angle = r1;
        sx = Math.trunc(Math.fround(sx + Math.fround(Math.fround(r2 * side) / 3)));
        sy = Math.trunc(Math.fround(sy + Math.fround(Math.fround(r3 * side) / 3)));
      }
      canvas.square(sx, sy, side, angle, 1);
    }
  }
  let text = '';
  for (let y = 0; y < canvas.height; y += 4) {
    for (let x = 0; x < canvas.width; x += 2) {
      // A braille cell is 2×4 dots; bit n is dot n+1 of U+2800's numbering.
      let dots = 0;
      if (canvas.get(x, y)) dots |= 1 << 0;
      if (canvas.get(x, y + 1)) dots |= 1 << 1;
      if (canvas.get(x, y + 2)) dots |= 1 << 2;
      if (canvas.get(x + 1, y)) dots |= 1 << 3;
      if (canvas.get(x + 1, y + 1)) dots |= 1 << 4;
      if (canvas.get(x + 1, y + 2)) dots |= 1 << 5;
      if (canvas.get(x, y + 3)) dots |= 1 << 6;
      if (canvas.get(x + 1, y + 3)) dots |= 1 << 7;
      const code = 0x2800 + dots;
      text += String.fromCharCode(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    }
    // As in Redis: y steps by 4, so this is true for the last row too unless height is 4n+1.
    if (y !== canvas.height - 1) text += '\n';
  }
  return text;
}

interface Skyscraper {
  xoff: number;
  width: number;
  height: number;
  windows: boolean;
  color: number;
}

function skyscraper(canvas: Canvas, s: Skyscraper, rand: Rand): void {
  const starty = canvas.height - 1;
  const endy = starty - s.height + 1;
  for (let y = starty; y >= endy; y--) {
    for (let x = s.xoff; x < s.xoff + s.width; x++) {
      // The roof is four pixels narrower.
      if (y === endy && (x <= s.xoff + 1 || x >= s.xoff + s.width - 2)) continue;
      let color = s.color;
      if (s.windows && x > s.xoff + 1 && x < s.xoff + s.width - 2 && y > endy + 1 && y < starty - 1) {
        const relx = x - (s.xoff + 1);
        const rely = y - (endy + 1);
        // Windows two pixels wide and one tall (a terminal's pixels are tall).
        if (Math.trunc(relx / 2) % 2 !== 0 && rely % 2 !== 0) {
          do color = 1 + (rand() % 2);
          while (color === s.color);
          if (relx % 2 !== 0) color = canvas.get(x - 1, y);
        }
      }
      canvas.set(x, y, color);
    }
  }
}

/** LOLWUT 6: a city skyline in the four grays of the terminal's standard colours. */
export function skyline(cols: number, rows: number, rand: Rand): string {
  const canvas = new Canvas(cols, rows, 3);
  const h = canvas.height;
  // The background towers without windows, the lighter ones behind.
  for (let color = 2; color >= 1; color--) {
    for (let offset = -10; offset < canvas.width;) {
      offset += rand() % 8;
      const width = 10 + (rand() % 9);
      const height = Math.trunc(h / 2) + Math.trunc((rand() % h) / (color === 2 ? 2 : 3));
      skyscraper(canvas, { xoff: offset, width, height, windows: false, color }, rand);
      offset += color === 2 ? Math.trunc(width / 2) : width + 1;
    }
  }
  for (let offset = -10; offset < canvas.width;) {
    offset += rand() % 8;
    let width = 5 + (rand() % 14);
    if (width % 4 !== 0) width += width % 3;
    const height = Math.trunc(h / 3) + Math.trunc((rand() % h) / 2);
    skyscraper(canvas, { xoff: offset, width, height, windows: true, color: 0 }, rand);
    offset += width + 5;
  }
  const escapes = ['0;30;40m', '0;90;100m', '0;37;47m', '0;97;107m'];
  let text = '';
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) text += `\x1b[${escapes[canvas.get(x, y)] ?? escapes[0]!} \x1b[0m`;
    if (y !== canvas.height - 1) text += '\n';
  }
  return text;
}
