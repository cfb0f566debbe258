/** Writes app/styles/nlds.css: the NL Design System rules for the components the app renders (scripts/lib/nlds-css.ts). */
import { writeFileSync } from "node:fs";
import { nldsCss, OUTPUT } from "./lib/nlds-css";

const css = nldsCss();
writeFileSync(OUTPUT, css);
console.log(`${OUTPUT}: ${(css.length / 1000).toFixed(1)} kB`);
