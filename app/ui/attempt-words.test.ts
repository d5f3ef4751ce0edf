// Tests the card's words for an errno: what it stands for, and a permission refusal that read EINVAL.
import { describe, expect, it } from "vitest";
import { errnoWords } from "./attempt-words";

describe("errnoWords", () => {
  it("says what a refusal's errno stands for", () => {
    expect(errnoWords("EPERM", "cap_sys_resource")).toBe("EPERM: “operation not permitted”");
    expect(errnoWords("EBUSY", "old_mapped")).toBe("EBUSY: “device or resource busy”");
    expect(errnoWords("EINVAL", "map_fields")).toBe("EINVAL: “invalid argument”");
  });

  it("says that the 2014 and 2017 MAP checks refused with EINVAL, which 5.9 made EPERM", () => {
    for (const check of ["uid_gid_root", "ns_cap_sys_admin"]) {
      expect(errnoWords("EINVAL", check)).toBe(
        "EINVAL: “invalid argument”, though this was the permission check: PR_SET_MM_MAP said EINVAL for a refusal until Linux 5.9 made it EPERM",
      );
    }
  });

  it("says nothing for a success, or an errno it does not know (nor the object's own names)", () => {
    expect(errnoWords("OK", "allowed")).toBeUndefined();
    expect(errnoWords("E2BIG", "bad_args")).toBeUndefined();
    expect(errnoWords("constructor", "allowed")).toBeUndefined();
  });
});
