import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import QRCode from "qrcode";
import { publicBaseUrl } from "../config.server";
import { RouteErrorBoundary } from "../components/error-page";
import { getDb } from "../db.server";
import { requireStaffMeeting } from "../guards.server";
import { useT } from "../i18n/use-t";
import { titleMeta } from "../meta";
import { checkInScreen } from "../services/check-in.server";

export const meta = titleMeta<typeof loader>("checkIn.screen.title", ({ meeting }, { t, date }) =>
  t("checkIn.screen.heading", { title: meeting.title, date: date(meeting.date) }),
);

/**
 * The check-in screen of a meeting (issue 29 point 4), for the cohort's staff: a code and a QR code
 * that change every minute, from 15 minutes before the start until the end.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cohort, meeting } = await requireStaffMeeting(request, params, context.clientIp);
  const screen = await checkInScreen(getDb(), meeting);
  const address = `${publicBaseUrl(request)}/deelnemer/inchecken`;
  const qr = screen.open ? await QRCode.toDataURL(`${address}?code=${screen.code}`, { margin: 2, width: 320, errorCorrectionLevel: "M" }) : null;
  return {
    cohort: { id: cohort.id, name: cohort.name },
    meeting: { id: meeting.id, title: meeting.title, date: meeting.date, start_time: meeting.start_time, end_time: meeting.end_time },
    screen,
    address,
    qr,
    // Just after the minute turns, so the next load shows the new code.
    refreshSeconds: screen.open ? screen.secondsLeft + 1 : screen.reason === "notYet" ? 30 : null,
  };
}

/**
 * Seconds left in the minute, counting down in the browser, and a new load when they run out (or
 * every `refresh` seconds). Without JavaScript a <meta http-equiv="refresh"> inside <noscript> reloads
 * the page instead; with JavaScript the page stays put and only its data is loaded again.
 */
function useCountdown(start: number, load: object, refresh: number | null): number {
  const [left, setLeft] = useState(start);
  const revalidator = useRevalidator();
  useEffect(() => {
    setLeft(start);
    const began = Date.now();
    const timer = setInterval(() => setLeft(Math.max(0, start - Math.floor((Date.now() - began) / 1000))), 1000);
    const reload = refresh ? setTimeout(() => revalidator.revalidate(), refresh * 1000) : undefined;
    return () => {
      clearInterval(timer);
      if (reload) clearTimeout(reload);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the revalidator changes on every load
  }, [start, load, refresh]);
  return left;
}

export default function CheckInScreen() {
  const loaded = useLoaderData<typeof loader>();
  const { cohort, meeting, screen, address, qr, refreshSeconds } = loaded;
  const { t, date } = useT();
  // Every load (a new object) starts the countdown and the timer for the next load again.
  const left = useCountdown(screen.open ? screen.secondsLeft : 0, loaded, refreshSeconds);
  return (
    <>
      {refreshSeconds ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(refreshSeconds)} />
        </noscript>
      ) : null}
      <Paragraph>
        <Link to={`/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/aanwezigheid`} className="utrecht-link">
          {t("checkIn.screen.toSheet")}
        </Link>
      </Paragraph>
      <Heading1>{t("checkIn.screen.heading", { title: meeting.title, date: date(meeting.date) })}</Heading1>
      <Paragraph>
        {meeting.start_time}–{meeting.end_time}
      </Paragraph>
      {screen.open ? (
        <div className="ll-check-in">
          <Paragraph>{t("checkIn.screen.instruction", { address })}</Paragraph>
          <p className="ll-check-in-code">
            <span className="ll-visually-hidden">{t("checkIn.screen.codeLabel")}: </span>
            <span data-testid="check-in-code">{screen.code}</span>
          </p>
          {qr ? <img src={qr} alt={t("checkIn.screen.qrAlt")} width={320} height={320} /> : null}
          <Paragraph aria-live="off">{t("checkIn.screen.secondsLeft", { seconds: left })}</Paragraph>
          <Paragraph>{t("checkIn.screen.count", { count: screen.checkedIn, total: screen.expected })}</Paragraph>
          <Paragraph>{t("checkIn.screen.confirm")}</Paragraph>
        </div>
      ) : (
        <Paragraph>
          {screen.reason === "cancelled"
            ? t("checkIn.screen.cancelled")
            : screen.reason === "over"
              ? t("checkIn.screen.over")
              : screen.reason === "notToday"
                ? t("checkIn.screen.notToday", { time: screen.opensAt })
                : t("checkIn.screen.notYet", { time: screen.opensAt })}
        </Paragraph>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
