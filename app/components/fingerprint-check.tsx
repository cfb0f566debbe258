import { Alert, Paragraph } from "@utrecht/component-library-react";
import { useState, type ChangeEvent, type DragEvent } from "react";
import { useT } from "../i18n/use-t";

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Drop or choose the PDF: the browser computes its SHA-256 and compares it with the issued one.
 * Nothing is uploaded: the file never leaves the visitor's computer.
 */
export function FingerprintCheck({ expected }: { expected: string }) {
  const { t } = useT();
  const [result, setResult] = useState<"match" | "mismatch" | null>(null);
  const check = async (file: File | undefined) => {
    if (!file) return;
    setResult((await sha256Hex(file)) === expected ? "match" : "mismatch");
  };
  return (
    <div
      className="ll-dropzone"
      onDragOver={(e: DragEvent) => e.preventDefault()}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        void check(e.dataTransfer.files[0]);
      }}
    >
      <label htmlFor="ll-pdf-check" className="utrecht-form-label">
        {t("verify.check.label")}
      </label>
      <input id="ll-pdf-check" type="file" accept="application/pdf,.pdf" onChange={(e: ChangeEvent<HTMLInputElement>) => void check(e.target.files?.[0])} />
      <Paragraph className="ll-muted">{t("verify.check.private")}</Paragraph>
      <div aria-live="polite">
        {result === "match" ? (
          <Alert type="ok">
            <Paragraph>{t("verify.check.match")}</Paragraph>
          </Alert>
        ) : result === "mismatch" ? (
          <Alert type="error">
            <Paragraph>{t("verify.check.mismatch")}</Paragraph>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
