import { readConfig } from "../../app/config.server";

describe("environment check at start", () => {
  it("defaults to the embedded SQLite file, port 3000 and demo data outside production", () => {
    const c = readConfig({});
    expect(c.databaseUrl).toBe("./data/leerlijn.sqlite");
    expect(c.port).toBe(3000);
    expect(c.demo).toBe(true);
    expect(c.cookieSecure).toBe(false);
  });

  it("has no demo data and Secure cookies in production", () => {
    const c = readConfig({ NODE_ENV: "production" });
    expect(c.demo).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });

  it("reads DEMO, PORT, HOST and DATABASE_URL", () => {
    const c = readConfig({ NODE_ENV: "production", DEMO: "1", PORT: "8080", HOST: "127.0.0.1", DATABASE_URL: "/tmp/x.sqlite" });
    expect(c).toMatchObject({ demo: true, port: 8080, host: "127.0.0.1", databaseUrl: "/tmp/x.sqlite", cookieSecure: false });
    expect(readConfig({ NODE_ENV: "production", DEMO: "1", COOKIE_SECURE: "1" }).cookieSecure).toBe(true);
  });

  it("stops with a clear Dutch line on a wrong setting", () => {
    expect(() => readConfig({ PORT: "zeventig" })).toThrow(/Ongeldige instelling in de omgeving:\n {2}PORT/);
    expect(() => readConfig({ DEMO: "misschien" })).toThrow(/DEMO/);
  });

  it("runs one app process unless WEB_CONCURRENCY says more, and refuses zero or a word", () => {
    expect(readConfig({}).processes).toBe(1);
    expect(readConfig({ WEB_CONCURRENCY: "4" }).processes).toBe(4);
    expect(() => readConfig({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => readConfig({ WEB_CONCURRENCY: "veel" })).toThrow(/WEB_CONCURRENCY/);
  });

  it("has mail off without SMTP_URL, reads SMTP_URL and MAIL_FROM, and refuses a wrong value without echoing it", () => {
    expect(readConfig({}).mail).toBeNull();
    expect(readConfig({ SMTP_URL: "", MAIL_FROM: "" }).mail).toBeNull();
    expect(readConfig({ SMTP_URL: "smtp://u:p@mail.example.nl:587", MAIL_FROM: "Leerlijn <leerlijn@example.nl>" }).mail).toEqual({
      smtpUrl: "smtp://u:p@mail.example.nl:587",
      from: "Leerlijn <leerlijn@example.nl>",
    });
    expect(readConfig({ SMTP_URL: "smtps://u:p@mail.example.nl:465", MAIL_FROM: "leerlijn@example.nl" }).mail?.from).toBe("leerlijn@example.nl");
    expect(() => readConfig({ SMTP_URL: "http://u:geheim@mail.example.nl", MAIL_FROM: "leerlijn@example.nl" })).toThrow(/SMTP_URL: moet een adres zijn/);
    expect(() => readConfig({ SMTP_URL: "http://u:geheim@mail.example.nl", MAIL_FROM: "leerlijn@example.nl" })).not.toThrow(/geheim/);
    expect(() => readConfig({ SMTP_URL: "smtp://mail.example.nl:587", MAIL_FROM: "Leerlijn <geen-adres>" })).toThrow(/MAIL_FROM: moet een afzender zijn/);
    expect(() => readConfig({ SMTP_URL: "smtp://mail.example.nl:587" })).toThrow(/MAIL_FROM: nodig als SMTP_URL is ingesteld/);
  });

  it("reads PUBLIC_URL for certificate links, and refuses something that is not an address", () => {
    expect(readConfig({}).publicUrl).toBeNull();
    expect(readConfig({ PUBLIC_URL: "https://leerlijn.example.nl/" }).publicUrl).toBe("https://leerlijn.example.nl");
    expect(() => readConfig({ PUBLIC_URL: "leerlijn.example.nl" })).toThrow(/PUBLIC_URL/);
  });

  it("ends sessions after 30 idle minutes and 12 hours by default, both configurable; SESSION_DAYS is no longer used", () => {
    expect(readConfig({})).toMatchObject({ sessionIdleMinutes: 30, sessionMaxHours: 12 });
    expect(readConfig({ SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "8" })).toMatchObject({ sessionIdleMinutes: 15, sessionMaxHours: 8 });
    expect(() => readConfig({ SESSION_IDLE_MINUTES: "0" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => readConfig({ SESSION_MAX_HOURS: "lang" })).toThrow(/SESSION_MAX_HOURS/);
    expect(readConfig({ SESSION_DAYS: "7" })).not.toHaveProperty("sessionDays");
  });
});
