// A minimal PNG encoder (8-bit RGBA, no interlace) built only on node:zlib, so the app icons can be
// regenerated on any machine without an image library. Spec: https://www.w3.org/TR/png/ (chunks
// IHDR, IDAT, IEND; filter type 0 per scanline; zlib-wrapped deflate; CRC-32 over type + data).
import { crc32, deflateSync } from "node:zlib";

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width * height * 4 bytes, row-major, straight (non-premultiplied) alpha. */
  readonly pixels: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGBA = 6;
const BIT_DEPTH = 8;

export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`PNG size must be positive integers, got ${width}x${height}`);
  }
  if (pixels.length !== width * height * 4) {
    throw new Error(`PNG pixel buffer must hold ${width * height * 4} bytes (RGBA), got ${pixels.length}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(BIT_DEPTH, 8);
  header.writeUInt8(COLOR_TYPE_RGBA, 9);
  // compression 0 (deflate), filter method 0, interlace 0 are already zero.
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(scanlines(image), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Each row is prefixed with its filter byte; 0 = None keeps the encoder obviously correct. */
function scanlines({ width, height, pixels }: RgbaImage): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return raw;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, "latin1");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([typeBytes, data])), 0);
  return Buffer.concat([length, typeBytes, data, crc]);
}
