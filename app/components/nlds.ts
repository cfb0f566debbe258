/**
 * The NL Design System (Utrecht) CSS components on plain HTML elements, for the tables and grids
 * that have hundreds of elements. Utrecht's React components render the same markup, but on the
 * server each costs 3–15 µs (forwardRef, object-rest copies) against under 1 µs for a plain
 * element; a 25-person attendance grid has some 500 of them (see docs/decisions/009-plain-html-in-large-tables.md).
 * tests/unit/nlds.test.ts renders both and checks that the markup is the same.
 */
export const nlds = {
  table: "utrecht-table",
  tableHeader: "utrecht-table__header",
  tableBody: "utrecht-table__body",
  tableFooter: "utrecht-table__footer",
  tableRow: "utrecht-table__row",
  tableCell: "utrecht-table__cell",
  tableHeaderCell: "utrecht-table__header-cell",
  tableCaption: "utrecht-table__caption",
  selectOption: "utrecht-select__option",
  unorderedListItem: "utrecht-unordered-list__item",
} as const;

/** What Utrecht's `<UnorderedList>` puts on a `<ul>` (the role keeps it a list for VoiceOver when the bullets are styled away). */
export const unorderedListProps = { className: "utrecht-unordered-list", role: "list" } as const;

const join = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

/** What Utrecht's `<Textbox>` adds to an `<input>`. */
export function textboxProps(opts: { invalid?: boolean; className?: string } = {}) {
  return {
    className: join("utrecht-textbox", "utrecht-textbox--html-input", opts.invalid && "utrecht-textbox--invalid", opts.className),
    dir: "auto",
    "aria-invalid": opts.invalid || undefined,
  } as const;
}

/** What Utrecht's `<Select>` adds to a `<select>`. */
export function selectProps(opts: { invalid?: boolean; className?: string } = {}) {
  return {
    className: join("utrecht-select", "utrecht-select--html-select", opts.invalid && "utrecht-select--invalid", opts.className),
    "aria-invalid": opts.invalid || undefined,
  } as const;
}

/** What Utrecht's `<Checkbox>` (custom appearance) adds to an `<input type="checkbox">`. */
export function checkboxProps(opts: { invalid?: boolean; className?: string } = {}) {
  return {
    type: "checkbox",
    className: join(
      "utrecht-checkbox",
      "utrecht-checkbox--html-input",
      "utrecht-checkbox--custom",
      opts.invalid && "utrecht-checkbox--invalid",
      opts.className,
    ),
    "aria-invalid": opts.invalid || undefined,
  } as const;
}
