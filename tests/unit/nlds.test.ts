import {
  Checkbox,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { checkboxProps, nlds, selectProps, textboxProps, unorderedListProps } from "../../app/components/nlds";

/** The same markup, whatever the order of the attributes. */
function normalise(html: string): string {
  return html.replace(/<([a-z]+)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*(\/?)>/g, (_, tag: string, attrs: string, self: string) => {
    const list = (attrs.match(/[a-zA-Z-]+(?:="[^"]*")?/g) ?? []).sort();
    return `<${tag}${list.map((a) => ` ${a}`).join("")}${self}>`;
  });
}
const same = (plain: ReactElement, utrecht: ReactElement) => expect(normalise(renderToStaticMarkup(plain))).toBe(normalise(renderToStaticMarkup(utrecht)));

describe("plain elements with the NL Design System classes render what Utrecht's components render", () => {
  it("a table", () => {
    same(
      h(
        "table",
        { className: nlds.table },
        h("caption", { className: nlds.tableCaption }, "Groep"),
        h("thead", { className: nlds.tableHeader }, h("tr", { className: nlds.tableRow }, h("th", { className: nlds.tableHeaderCell, scope: "col" }, "Naam"))),
        h(
          "tbody",
          { className: nlds.tableBody },
          h(
            "tr",
            { className: nlds.tableRow },
            h("th", { className: nlds.tableHeaderCell, scope: "row", id: "p-1" }, "Ann"),
            h("td", { className: `${nlds.tableCell} ll-cell--met` }, "ja"),
          ),
        ),
        h("tfoot", { className: nlds.tableFooter }, h("tr", { className: nlds.tableRow }, h("td", { className: nlds.tableCell }))),
      ),
      h(
        Table,
        null,
        h(TableCaption, null, "Groep"),
        h(TableHeader, null, h(TableRow, null, h(TableHeaderCell, { scope: "col" }, "Naam"))),
        h(TableBody, null, h(TableRow, null, h(TableHeaderCell, { scope: "row", id: "p-1" }, "Ann"), h(TableCell, { className: "ll-cell--met" }, "ja"))),
        h(TableFooter, null, h(TableRow, null, h(TableCell, null))),
      ),
    );
  });

  it("a list", () => {
    same(h("ul", unorderedListProps, h("li", { className: nlds.unorderedListItem }, "een")), h(UnorderedList, null, h(UnorderedListItem, null, "een")));
  });

  it.each([false, true])("a text box (invalid: %s)", (invalid) => {
    same(
      h("input", {
        name: "minutes-1",
        type: "number",
        inputMode: "numeric",
        min: 0,
        defaultValue: "5",
        "aria-label": "Minuten",
        ...textboxProps({ invalid, className: "ll-minutes" }),
      }),
      h(Textbox, {
        name: "minutes-1",
        type: "number",
        inputMode: "numeric",
        min: 0,
        defaultValue: "5",
        "aria-label": "Minuten",
        invalid,
        className: "ll-minutes",
      }),
    );
    same(h("input", { name: "note-1", type: "text", maxLength: 300, ...textboxProps({ invalid }) }), h(Textbox, { name: "note-1", maxLength: 300, invalid }));
  });

  it.each([false, true])("a select with options (invalid: %s)", (invalid) => {
    same(
      h(
        "select",
        { name: "status-1", defaultValue: "te_laat", ...selectProps({ invalid }) },
        h("option", { value: "aanwezig", className: nlds.selectOption }, "Aanwezig"),
        h("option", { value: "te_laat", className: nlds.selectOption }, "Te laat"),
      ),
      h(
        Select,
        { name: "status-1", defaultValue: "te_laat", invalid },
        h(SelectOption, { value: "aanwezig" }, "Aanwezig"),
        h(SelectOption, { value: "te_laat" }, "Te laat"),
      ),
    );
  });

  it.each([false, true])("a checkbox (checked: %s)", (checked) => {
    same(
      h("input", { name: "active-1", defaultChecked: checked, "aria-label": "Actief", ...checkboxProps() }),
      h(Checkbox, { name: "active-1", defaultChecked: checked, "aria-label": "Actief" }),
    );
    same(h("input", { name: "active-1", ...checkboxProps({ invalid: true }) }), h(Checkbox, { name: "active-1", invalid: true }));
  });

  it("the comparison sees a difference in a class or an attribute", () => {
    expect(normalise(renderToStaticMarkup(h("input", textboxProps())))).not.toBe(normalise(renderToStaticMarkup(h(Textbox, { invalid: true }))));
    expect(normalise('<td class="a" id="x">')).toBe(normalise('<td id="x" class="a">'));
  });
});
