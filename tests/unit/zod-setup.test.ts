import { config, z } from "zod";
import { zodWithoutEval } from "../../app/zod-setup";

describe("zod without eval in the browser, without loading zod on every page (app/zod-setup.ts)", () => {
  afterEach(() => {
    config({ jitless: false });
  });

  it("zod reads the setting app/zod-setup.ts makes on globalThis", () => {
    config({ jitless: false });
    expect(config().jitless).toBe(false);
    zodWithoutEval();
    expect(config().jitless).toBe(true);
  });

  it("schemas made afterwards parse without compiling code", () => {
    zodWithoutEval();
    const spy = jest.spyOn(globalThis, "Function");
    const schema = z.object({ name: z.string().min(1), age: z.number() });
    expect(schema.parse({ name: "Anna", age: 40 })).toEqual({ name: "Anna", age: 40 });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
