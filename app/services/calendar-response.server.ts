/** A calendar file as an answer: never kept by a shared cache, never indexed. */
export function calendarResponse(body: string, filename: string, disposition: "inline" | "attachment"): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `${disposition}; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
