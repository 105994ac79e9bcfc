import "server-only";
import sharp from "sharp";
import { detectImageType, ImageError, type PreparedImage } from "@/lib/rewards/images";
import { LOGO_TOO_LARGE, MAX_LOGO_BYTES } from "./schemas";

export { ImageError } from "@/lib/rewards/images";

/** Shown 32 px tall in the header; twice that (and room for a wide wordmark) covers sharp screens. */
const MAX_LOGO_HEIGHT = 128;
const MAX_LOGO_WIDTH = 640;

/**
 * A logo upload, checked like reward images (lib/rewards/images.ts): ≤ 2 MB, PNG/JPEG/WebP by its
 * first bytes (never an SVG, which could carry a script), decodable; then re-encoded in the same
 * format within 640×128, which also drops metadata. Stored in reward_images and served, immutable,
 * by /api/rewards/images/<id> — the same table and route, so logos need no storage of their own.
 */
export async function prepareLogoImage(file: Blob | Uint8Array): Promise<PreparedImage> {
  const size = file instanceof Uint8Array ? file.byteLength : file.size;
  if (size > MAX_LOGO_BYTES) throw new ImageError(LOGO_TOO_LARGE);
  const input = file instanceof Uint8Array ? Buffer.from(file) : Buffer.from(await file.arrayBuffer());
  const contentType = detectImageType(input);
  if (!contentType) throw new ImageError("That file isn't a PNG, JPEG or WebP image. Choose an image file (SVG logos aren't accepted: export a PNG).");
  try {
    let pipeline = sharp(input, { limitInputPixels: 40_000_000 }).rotate().resize({ width: MAX_LOGO_WIDTH, height: MAX_LOGO_HEIGHT, fit: "inside", withoutEnlargement: true });
    pipeline = contentType === "image/png" ? pipeline.png() : contentType === "image/jpeg" ? pipeline.jpeg({ quality: 90, mozjpeg: true }) : pipeline.webp({ quality: 90 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { contentType, bytes: data, width: info.width, height: info.height };
  } catch {
    throw new ImageError("We couldn't read that image. It may be damaged or too large in pixels; export it again and retry.");
  }
}
