import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES } from "./schemas";
import { detectImageType, ImageError, prepareRewardImage } from "./images";

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 90 } } });

describe("prepareRewardImage", () => {
  it("accepts a PNG and resizes it to at most 1200 px wide, keeping the aspect ratio", async () => {
    const png = await solid(2400, 1200).png().toBuffer();
    const file = new File([new Uint8Array(png)], "photo.png", { type: "image/png" });
    const prepared = await prepareRewardImage(file);
    expect(prepared).toMatchObject({ contentType: "image/png", width: 1200, height: 600 });
    expect((await sharp(prepared.bytes).metadata()).format).toBe("png");
  });

  it("keeps smaller images at their size, and JPEG and WebP in their own format", async () => {
    const jpeg = await prepareRewardImage(await solid(300, 200).jpeg().toBuffer());
    expect(jpeg).toMatchObject({ contentType: "image/jpeg", width: 300, height: 200 });
    const webp = await prepareRewardImage(await solid(500, 500).webp().toBuffer());
    expect(webp).toMatchObject({ contentType: "image/webp", width: 500 });
  });

  it("refuses a text file renamed .png, whatever the browser claims", async () => {
    const file = new File(["just some text, not an image"], "photo.png", { type: "image/png" });
    await expect(prepareRewardImage(file)).rejects.toBeInstanceOf(ImageError);
    await expect(prepareRewardImage(file)).rejects.toThrow(/isn't a PNG, JPEG or WebP/);
  });

  it("refuses an SVG and a GIF", async () => {
    await expect(prepareRewardImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).rejects.toThrow(ImageError);
    await expect(prepareRewardImage(await solid(10, 10).gif().toBuffer())).rejects.toThrow(ImageError);
  });

  it("refuses a file over 2 MB before reading it", async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(prepareRewardImage(new File([big], "big.png"))).rejects.toThrow(/larger than 2 MB/);
  });

  it("refuses a file with an image signature but broken data", async () => {
    const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    await expect(prepareRewardImage(broken)).rejects.toThrow(/couldn't read/);
  });
});

describe("detectImageType", () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
    [[0xff, 0xd8, 0xff, 0xe0], "image/jpeg"],
    [[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], "image/webp"],
    [[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45], null], // a WAV file
    [[0x47, 0x49, 0x46, 0x38], null],
    [[], null],
  ] as const)("%o → %s", (bytes, type) => {
    expect(detectImageType(new Uint8Array(bytes))).toBe(type);
  });
});
