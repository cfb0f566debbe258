/**
 * `npm run build` runs this after `remix vite:build`: brotli and gzip copies of the client build's
 * text files (scripts/lib/precompress.ts). `npm start` does the same for a build that has none.
 */
import path from "node:path";
import { PROJECT_ROOT } from "./lib/app-server";
import { describeReport, precompressBuild } from "./lib/precompress";

const report = await precompressBuild(path.join(PROJECT_ROOT, "build"));
console.log(describeReport(report));
