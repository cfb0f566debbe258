/**
 * Serves the build's files (build/client) with their pre-compressed copies: `x.js.br` or
 * `x.js.gz` (written by `scripts/compress-build.ts`) when the browser accepts that coding, with
 * `Vary: Accept-Encoding`, the original file's Content-Type and the copy's own length and ETag.
 * The file list is read once at start, so a page request costs no file-system lookup and a request
 * for a file that is not there goes on to the app (its 404 page). Decision:
 * docs/decisions/012-compression.md.
 */
import fs from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";
import { chooseEncoding } from "../rules/compression";

interface StaticFile {
  file: string;
  br: boolean;
  gzip: boolean;
}

export interface StaticFilesOptions {
  /** Cache-Control max-age in milliseconds. */
  maxAge: number;
  immutable?: boolean;
  /** Only the files at the top of `dir` (not its folders). */
  topLevelOnly?: boolean;
}

/** Every file under `dir` by its URL path ("/x/y.js"); the .br/.gz copies are marked on their original. */
export function indexStaticFiles(dir: string, topLevelOnly = false): Map<string, StaticFile> {
  const found = new Set<string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!topLevelOnly) walk(rel);
      } else if (entry.isFile()) found.add(rel);
    }
  };
  if (fs.existsSync(dir)) walk("");
  const index = new Map<string, StaticFile>();
  for (const rel of found) {
    if (/\.(?:br|gz)$/.test(rel) && found.has(rel.slice(0, -3))) continue;
    index.set(`/${rel}`, { file: path.join(dir, rel), br: found.has(`${rel}.br`), gzip: found.has(`${rel}.gz`) });
  }
  return index;
}

export function staticFiles(dir: string, options: StaticFilesOptions) {
  const index = indexStaticFiles(path.resolve(dir), options.topLevelOnly);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const entry = index.get(urlPath);
    if (!entry) return next();
    const encoding = chooseEncoding(req.get("accept-encoding"), entry);
    res.vary("Accept-Encoding");
    res.type(path.extname(entry.file));
    if (encoding) res.setHeader("Content-Encoding", encoding);
    const file = encoding === "br" ? `${entry.file}.br` : encoding === "gzip" ? `${entry.file}.gz` : entry.file;
    res.sendFile(file, { maxAge: options.maxAge, immutable: options.immutable ?? false, dotfiles: "deny" }, (error?: Error) => {
      if (!error) return;
      if (res.headersSent) return;
      // The response was not started: send it without the coding headers (an error page).
      res.removeHeader("Content-Encoding");
      next(error);
    });
  };
}
