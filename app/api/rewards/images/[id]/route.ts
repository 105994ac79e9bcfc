import { getRewardImage } from "@/lib/rewards/images";

/**
 * Public: reward images are shown in the catalog to visitors too. An image row is never changed
 * (a new upload is a new id), so browsers and CDNs may keep it for a year.
 */
export async function GET(_request: Request, ctx: RouteContext<"/api/rewards/images/[id]">): Promise<Response> {
  const { id } = await ctx.params;
  const image = await getRewardImage(id);
  if (!image) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      // The bytes were checked to be PNG/JPEG/WebP; never let a browser guess otherwise.
      "X-Content-Type-Options": "nosniff",
    },
  });
}
