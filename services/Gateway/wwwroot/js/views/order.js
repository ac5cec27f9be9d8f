import { api } from "../api.js";
import { h, money, when } from "../dom.js";

// One order, watched live: the page polls until the saga has confirmed or cancelled it.
export async function render(view, id, isCurrent) {
  const order = await api(`/api/orders/${encodeURIComponent(id)}`);
  if (!isCurrent()) return;
  const final = order.status === "confirmed" || order.status === "cancelled";
  view.replaceChildren(h("div", { class: "panel stack" },
    h("div", { class: "row" }, h("h1", {}, "Order"), h("span", { class: `status ${order.status}`, "data-testid": "order-status" }, order.status)),
    h("p", { class: "muted" }, `Placed ${when(order.createdAt)} · ${order.id}`),
    order.status === "cancelled" ? h("p", { class: "notice" }, `Cancelled: ${order.cancellationReason ?? "no reason given"}`) : null,
    h("table", {}, h("tbody", {}, order.lines.map(line => h("tr", {},
      h("td", {}, line.name ?? "Reserving…"), h("td", {}, `× ${line.quantity}`),
      h("td", {}, line.unitPrice === null ? "" : money(line.unitPrice * line.quantity, order.currency ?? "USD")))))),
    order.total === null ? null : h("strong", {}, `Total ${money(order.total, order.currency)}`),
    h("h2", {}, "Progress"),
    h("ol", { class: "timeline" }, order.history.map(step => h("li", {},
      h("span", {}, h("strong", {}, step.step), step.detail ? ` — ${step.detail}` : ""), h("span", { class: "muted" }, when(step.at))))),
    final ? null : h("div", { class: "row" },
      h("span", { class: "muted" }, "Updating live…"),
      h("button", { class: "secondary", onclick: async () => { await api(`/api/orders/${order.id}/cancel`, { method: "POST" }); } }, "Cancel order"))));
  if (!final) setTimeout(() => { if (isCurrent()) render(view, id, isCurrent).catch(() => {}); }, 700);
}
