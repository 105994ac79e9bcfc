import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CoverImage } from "./cover-image";

describe("CoverImage", () => {
  it("serves an external or stored URL as it is, filling a box that reserves the space", () => {
    for (const src of ["https://images.example.com/reward.jpg", "/api/rewards/images/5b0f0c7e-8a3c-4a57-9a8e-0e6b8d7f1a2b"]) {
      const html = renderToStaticMarkup(<CoverImage src={src} alt="Trail bottle" className="aspect-[4/3] w-full" />);
      expect(html).toContain(`src="${src}"`);
      expect(html).toContain('alt="Trail bottle"');
      expect(html).toMatch(/class="relative block overflow-hidden aspect-\[4\/3\] w-full"/);
    }
  });
});
