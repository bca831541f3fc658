/**
 * Writes the physical pixel density into a PNG (the pHYs chunk, pixels per metre), so a 300-dpi
 * figure opens at its intended print size in Word, LibreOffice and image editors. Chromium's
 * screenshots carry no pHYs chunk; one is inserted after IHDR (replacing any existing one).
 */

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const metresPerInch = 0.0254;

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO 3309, as PNG and ZIP use). */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function isPng(png: Uint8Array): boolean {
  return signature.every((byte, index) => png[index] === byte);
}

function chunkType(png: Uint8Array, offset: number): string {
  return String.fromCharCode(...png.subarray(offset + 4, offset + 8));
}

function physicalChunk(dotsPerInch: number): Uint8Array {
  const pixelsPerMetre = Math.round(dotsPerInch / metresPerInch);
  const chunk = new Uint8Array(4 + 4 + 9 + 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  view.setUint32(8, pixelsPerMetre);
  view.setUint32(12, pixelsPerMetre);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  return chunk;
}

/** The PNG with a pHYs chunk stating `dotsPerInch`; throws a RangeError if the bytes are not a PNG. */
export function setPngDensity(png: Uint8Array, dotsPerInch: number): Uint8Array {
  if (!isPng(png)) throw new RangeError('setPngDensity: not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    const type = chunkType(png, offset);
    if (type !== 'pHYs') parts.push(png.subarray(offset, end));
    if (type === 'IHDR') parts.push(physicalChunk(dotsPerInch));
    offset = end;
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}

export interface PngInfo {
  readonly widthPx: number;
  readonly heightPx: number;
  /** From pHYs in metres, rounded to whole dots per inch; null when the file states none. */
  readonly dotsPerInch: number | null;
}

/** Width, height and density read from a PNG's IHDR and pHYs chunks. */
export function readPngInfo(png: Uint8Array): PngInfo {
  if (!isPng(png)) throw new RangeError('readPngInfo: not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let dotsPerInch: number | null = null;
  for (let offset = 8; offset + 12 <= png.length; offset += 12 + view.getUint32(offset)) {
    if (chunkType(png, offset) === 'pHYs' && png[offset + 16] === 1) {
      dotsPerInch = Math.round(view.getUint32(offset + 8) * metresPerInch);
    }
  }
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20), dotsPerInch };
}
