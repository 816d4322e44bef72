// Draws the two app icons the Teams / Microsoft 365 app package needs and writes them as PNGs:
//   appPackage/color.png    192×192, full-bleed brand background, white glyph inside the central 96×96 safe area
//   appPackage/outline.png   32×32, white glyph on a transparent background (Teams tints it per theme)
// The glyph: a smaller person (the mentor) lifting an arrow towards a taller person (the executive mentee).
// Shapes are described in a unit square and rasterised with 4×4 supersampling for smooth edges.
// Run: npx tsx scripts/generate-icons.ts
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encodePng, type RgbaImage } from "./png-encoder.js";

type Point = readonly [number, number];
/** True when the point (unit-square coordinates) is inside the shape. */
type Shape = (x: number, y: number) => boolean;

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Upper half of an ellipse: the shoulders of a person. */
const shoulders = (cx: number, cy: number, rx: number, ry: number): Shape => (x, y) =>
  y <= cy && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

const segment = (a: Point, b: Point, halfWidth: number): Shape => (x, y) => {
  const [ax, ay] = a;
  const [bx, by] = b;
  const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / lengthSquared));
  return (x - (ax + t * (bx - ax))) ** 2 + (y - (ay + t * (by - ay))) ** 2 <= halfWidth * halfWidth;
};

const triangle = (a: Point, b: Point, c: Point): Shape => (x, y) => {
  const side = (p: Point, q: Point) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
};

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));

/** The glyph in a unit square; callers map it into the area they want. */
function glyph(): Shape {
  const mentor = union(circle(0.27, 0.5, 0.1), shoulders(0.27, 0.9, 0.19, 0.26));
  const mentee = union(circle(0.7, 0.33, 0.125), shoulders(0.7, 0.9, 0.25, 0.4));
  const arrowTail: Point = [0.3, 0.3];
  const arrowTip: Point = [0.5, 0.12];
  const arrow = union(
    segment(arrowTail, [0.44, 0.175], 0.04),
    triangle(arrowTip, [0.37, 0.13], [0.47, 0.25]),
  );
  return union(mentor, mentee, arrow);
}

/** Fraction of the pixel covered by the shape, sampled on a 4×4 grid. */
function coverage(shape: Shape, px: number, py: number, toUnit: (v: number) => number): number {
  const samples = 4;
  let inside = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (shape(toUnit(px + (sx + 0.5) / samples), toUnit(py + (sy + 0.5) / samples))) inside++;
    }
  }
  return inside / (samples * samples);
}

interface Rgb {
  r: number;
  g: number;
  b: number;
}

const BRAND: Rgb = { r: 0x46, g: 0x4e, b: 0xb8 };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };

export function drawColorIcon(): RgbaImage {
  const size = 192;
  const safe = 96; // Teams: the glyph stays inside the central 96×96 area.
  const offset = (size - safe) / 2;
  const shape = glyph();
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(shape, x, y, (v) => (v - offset) / safe);
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(BRAND.r + (WHITE.r - BRAND.r) * a);
      pixels[i + 1] = Math.round(BRAND.g + (WHITE.g - BRAND.g) * a);
      pixels[i + 2] = Math.round(BRAND.b + (WHITE.b - BRAND.b) * a);
      pixels[i + 3] = 255;
    }
  }
  return { width: size, height: size, pixels };
}

export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const margin = 2;
  const shape = glyph();
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(shape, x, y, (v) => (v - margin) / (size - 2 * margin));
      const i = (y * size + x) * 4;
      // Teams requires pure white with transparency; only alpha carries the anti-aliasing.
      pixels[i] = 255;
      pixels[i + 1] = 255;
      pixels[i + 2] = 255;
      pixels[i + 3] = Math.round(255 * a);
    }
  }
  return { width: size, height: size, pixels };
}

function main(): void {
  const appPackage = fileURLToPath(new URL("../appPackage/", import.meta.url));
  writeFileSync(`${appPackage}color.png`, encodePng(drawColorIcon()));
  writeFileSync(`${appPackage}outline.png`, encodePng(drawOutlineIcon()));
  console.log(`Wrote ${appPackage}color.png and ${appPackage}outline.png`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
