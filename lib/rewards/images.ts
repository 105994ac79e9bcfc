import "server-only";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { db, type Db, type Tx } from "@/db";
import { rewardImages } from "@/db/schema";
import { IMAGE_TOO_LARGE, MAX_IMAGE_BYTES, MAX_IMAGE_WIDTH } from "./schemas";

export type ImageType = "image/png" | "image/jpeg" | "image/webp";

/** Why an upload was refused, in words for the admin (shown as the image field's error). */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageError";
  }
}

export type PreparedImage = { contentType: ImageType; bytes: Buffer; width: number; height: number };

const NOT_AN_IMAGE = "That file isn't a PNG, JPEG or WebP image. Choose an image file.";

/**
 * The type told by the file's first bytes (its signature), never by its name or the browser's
 * claim: a renamed text file or an SVG with a script must not be served as an image.
 */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  const at = (offset: number, signature: number[]) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (at(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "image/webp"; // "RIFF" … "WEBP"
  return null;
}

/**
 * Checks an upload (≤ 2 MB, PNG/JPEG/WebP by its bytes, decodable) and re-encodes it at most
 * 1200 px wide in the same format. Re-encoding also drops metadata (EXIF location, comments).
 */
export async function prepareRewardImage(file: Blob | Uint8Array): Promise<PreparedImage> {
  const size = file instanceof Uint8Array ? file.byteLength : file.size;
  if (size > MAX_IMAGE_BYTES) throw new ImageError(IMAGE_TOO_LARGE);
  const input = file instanceof Uint8Array ? Buffer.from(file) : Buffer.from(await file.arrayBuffer());
  const contentType = detectImageType(input);
  if (!contentType) throw new ImageError(NOT_AN_IMAGE);
  try {
    // 40 megapixels is far more than a catalog image needs, and stops a decompression bomb.
    let pipeline = sharp(input, { limitInputPixels: 40_000_000 }).rotate().resize({ width: MAX_IMAGE_WIDTH, withoutEnlargement: true });
    pipeline = contentType === "image/png" ? pipeline.png() : contentType === "image/jpeg" ? pipeline.jpeg({ quality: 85, mozjpeg: true }) : pipeline.webp({ quality: 85 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { contentType, bytes: data, width: info.width, height: info.height };
  } catch {
    throw new ImageError("We couldn't read that image. It may be damaged or too large in pixels; export it again and retry.");
  }
}

/** Stores a prepared image; pass the transaction that points a reward at it. */
export async function storeRewardImage(conn: Db | Tx, image: PreparedImage): Promise<string> {
  const [row] = await conn.insert(rewardImages).values(image).returning({ id: rewardImages.id });
  return row.id;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For the public image route; null for unknown (or malformed) ids. */
export async function getRewardImage(id: string): Promise<{ contentType: string; bytes: Buffer } | null> {
  if (!UUID_RE.test(id)) return null;
  const [row] = await db.select({ contentType: rewardImages.contentType, bytes: rewardImages.bytes }).from(rewardImages).where(eq(rewardImages.id, id));
  return row ?? null;
}

/** Where a reward's picture is served from: the stored upload, else its external URL. */
export function rewardImageSrc(reward: { imageId: string | null; imageUrl: string | null }): string | null {
  return reward.imageId ? `/api/rewards/images/${reward.imageId}` : reward.imageUrl;
}
