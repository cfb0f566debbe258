import { config } from "zod";

/*
 * Our Content-Security-Policy forbids eval. zod compiles fast object parsers with `new Function` and
 * probes for that when a schema is made; the probe's error is caught, but browsers still report a CSP
 * violation. In the browser we switch that compilation off. Imported first by root.tsx, so it runs
 * before any route module builds a schema.
 */
if (typeof document !== "undefined") config({ jitless: true });
