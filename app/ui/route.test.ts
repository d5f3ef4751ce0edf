// The hash route and the lab's address to go back to.
import { describe, expect, it } from "vitest";
import { labUrl, routeOf } from "./route";

describe("route", () => {
  it("is the about page only for #about", () => {
    for (const hash of ["#about", "#About", "#ABOUT"]) expect(routeOf(hash)).toBe("about");
    for (const hash of ["", "#", "#terminal", "#about-x"]) expect(routeOf(hash)).toBe("lab");
  });

  it("goes back to the lab's address with its setup (the query) and without the hash", () => {
    expect(labUrl({ pathname: "/exelab/", search: "?era=2014&uid=0" })).toBe("/exelab/?era=2014&uid=0");
    expect(labUrl({ pathname: "/", search: "" })).toBe("/");
  });
});
