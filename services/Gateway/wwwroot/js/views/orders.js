import { api } from "../api.js";
import { h, money, when } from "../dom.js";

export async function render(view, isCurrent) {
  const page = await api("/api/orders?limit=50");
  if (!isCurrent()) return;
  view.replaceChildren(h("div", { class: "panel" },
    h("h1", {}, "My orders"),
    page.items.length === 0 ? h("p", { class: "muted" }, "No orders yet.") : h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "Placed"), h("th", {}, "Items"), h("th", {}, "Total"), h("th", {}, "Status"))),
      h("tbody", {}, page.items.map(order => h("tr", {},
        h("td", {}, h("a", { href: `#/order/${order.id}` }, when(order.createdAt))),
        h("td", {}, order.lines.map(line => `${line.quantity} × ${line.name ?? "…"}`).join(", ")),
        h("td", {}, order.total === null ? "…" : money(order.total, order.currency)),
        h("td", {}, h("span", { class: `status ${order.status}` }, order.status))))))));
}
