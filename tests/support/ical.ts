import ICAL from "ical.js";

/** One VEVENT as a real iCalendar parser (ical.js) reads it. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  /** ISO timestamps (UTC) */
  start: string;
  end: string;
  summary: string;
  status: string | null;
  location: string | null;
  description: string | null;
  url: string | null;
}

/** Parses an iCalendar text with ical.js; throws when it is not valid iCalendar. */
export function parseCalendar(text: string): { name: string | null; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const str = (name: string) => {
      const value = component.getFirstPropertyValue(name);
      return value === null || value === undefined ? null : String(value);
    };
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
      status: str("status"),
      location: str("location"),
      description: str("description"),
      url: str("url"),
    };
  });
  const name = calendar.getFirstPropertyValue("x-wr-calname");
  return { name: name === null ? null : String(name), events };
}
