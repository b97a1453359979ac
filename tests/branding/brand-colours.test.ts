import { describe, expect, it } from "vitest";
import { accessibleShade, contrastRatio } from "../../src/branding/brand-colours.ts";

describe("accessibleShade", () => {
  it("keeps a brand colour that already meets the contrast minimum", () => {
    expect(accessibleShade("#1a5d8f")).toMatchObject({ used: "#1A5D8F", adjusted: false });
  });

  it.each(["#FFD700", "#E07A5F", "#7a3", "#FFFFFF"])("darkens %s just enough to pass 4.5:1 with white", (given) => {
    const shade = accessibleShade(given);
    expect(shade.adjusted).toBe(true);
    expect(contrastRatio(shade.used, "white")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(shade.used, "white")).toBeLessThan(4.7);
  });

  it("uses a lower minimum for borders", () => {
    expect(accessibleShade("#40916C", 3).adjusted).toBe(false);
    expect(accessibleShade("#40916C", 4.5).adjusted).toBe(true);
  });
});
