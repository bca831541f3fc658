/**
 * A ZIP archive of in-memory files (deflate, fixed 1980-01-01 timestamps so equal input gives equal
 * bytes): the server's `csv-zip` download. UTF-8 names, no directories entries, no ZIP64 (< 4 GiB).
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './png-density.ts';

const utf8Flag = 0x0800;
const deflate = 8;
const dosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01

export function zipFiles(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const nameBytes = encoder.encode(name);
    const compressed = new Uint8Array(deflateRawSync(content));
    const crc = crc32(content);
    const header = new Uint8Array(30 + nameBytes.length);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, utf8Flag, true);
    view.setUint16(8, deflate, true);
    view.setUint16(10, 0, true);
    view.setUint16(12, dosDate, true);
    view.setUint32(14, crc, true);
    view.setUint32(18, compressed.length, true);
    view.setUint32(22, content.length, true);
    view.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    const entry = new Uint8Array(46 + nameBytes.length);
    const entryView = new DataView(entry.buffer);
    entryView.setUint32(0, 0x02014b50, true);
    entryView.setUint16(4, 20, true);
    entryView.setUint16(6, 20, true);
    entryView.setUint16(8, utf8Flag, true);
    entryView.setUint16(10, deflate, true);
    entryView.setUint16(14, dosDate, true);
    entryView.setUint32(16, crc, true);
    entryView.setUint32(20, compressed.length, true);
    entryView.setUint32(24, content.length, true);
    entryView.setUint16(28, nameBytes.length, true);
    entryView.setUint32(42, offset, true);
    entry.set(nameBytes, 46);
    local.push(header, compressed);
    central.push(entry);
    offset += header.length + compressed.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, files.size, true);
  endView.setUint16(10, files.size, true);
  endView.setUint32(12, centralSize, true);
  endView.setUint32(16, offset, true);
  const parts = [...local, ...central, end];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}
