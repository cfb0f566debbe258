import { pageParam } from "../../app/forms/search-params";

const at = (query: string) => new Request(`http://leerlijn.test/examinator${query}`);

describe("pageParam (?pagina=)", () => {
  test("a positive whole number is the page", () => {
    expect(pageParam(at("?pagina=3"))).toBe(3);
  });
  test.each(["", "?pagina=", "?pagina=0", "?pagina=-2", "?pagina=1.5", "?pagina=drie"])("%s is page 1", (query) => {
    expect(pageParam(at(query))).toBe(1);
  });
});
