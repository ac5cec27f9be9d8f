import { api, authorization } from "../api.js";
import { h, money, when } from "../dom.js";

// Operations: live product activity from the analytics feed (server-sent events), the funnel of the last hour, and
// every customer's latest orders with their saga state. Admins only; the services check that again.
export async function render(view, isCurrent) {
  const kpis = h("div", { class: "kpis" });
  const bars = h("div", { class: "bars", "data-testid": "live-top" });
  const orders = h("tbody");
  const feed = h("p", { class: "muted", "data-testid": "feed-state" }, "Connecting to the live feed…");
  view.replaceChildren(
    h("h1", {}, "Operations"),
    kpis,
    h("div", { class: "ops" },
      h("section", { class: "panel" }, h("h2", {}, "Most viewed, last 5 minutes"), feed, bars),
      h("section", { class: "panel" }, h("h2", {}, "Latest orders"),
        h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Placed"), h("th", {}, "Customer"), h("th", {}, "Total"), h("th", {}, "State"))), orders))));

  const names = new Map();
  async function nameOf(id) {
    if (!names.has(id)) names.set(id, api(`/api/catalog/products/${id}`).then(p => p.name, () => id.slice(0, 8)));
    return names.get(id);
  }

  async function refreshTop() {
    const top = await api("/api/analytics/top/live?metric=views&minutes=5&limit=8");
    const highest = Math.max(1, ...top.products.map(p => p.total));
    const rows = await Promise.all(top.products.map(async p => {
      const fill = h("div", { class: "fill" });
      fill.style.setProperty("--share", `${Math.round(p.total / highest * 100)}%`);
      return h("div", { class: "bar" }, h("div", {}, h("div", {}, await nameOf(p.productId)), fill), h("strong", {}, String(p.total)));
    }));
    bars.replaceChildren(...(rows.length ? rows : [h("p", { class: "muted" }, "No views in the last 5 minutes.")]));
  }

  async function refreshNumbers() {
    const [funnel, recent] = await Promise.all([api("/api/analytics/funnel"), api("/api/orders/recent?limit=12")]);
    const kpi = (label, value) => h("div", { class: "kpi" }, h("div", { class: "muted" }, label), h("div", { class: "value" }, value));
    kpis.replaceChildren(
      kpi("Visitors who viewed (1 h)", String(funnel.viewed)),
      kpi("Added to cart", String(funnel.addedToCart)),
      kpi("Bought", String(funnel.purchased)),
      kpi("View → cart", `${Math.round(funnel.viewToCartRate * 100)}%`));
    orders.replaceChildren(...recent.map(order => h("tr", {},
      h("td", {}, when(order.createdAt)), h("td", {}, order.customerId),
      h("td", {}, order.total === null ? "…" : money(order.total, order.currency)),
      h("td", {}, h("span", { class: `status ${order.status}` }, order.status)))));
  }

  // EventSource cannot send a bearer token, so the feed is read with fetch and parsed here.
  async function follow() {
    const controller = new AbortController();
    const response = await fetch("/api/analytics/live", { headers: authorization(), signal: controller.signal });
    if (!response.ok) { feed.textContent = `The live feed is unavailable (${response.status}).`; return; }
    feed.textContent = "Live";
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let pending = null;
    while (isCurrent()) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split("\n\n");
      buffer = events.pop();
      if (events.some(event => event.includes("event: aggregates")) && !pending) {
        pending = setTimeout(async () => { pending = null; await refreshTop(); }, 500);
      }
    }
    controller.abort();
  }

  await Promise.all([refreshTop(), refreshNumbers()]);
  follow().catch(() => { feed.textContent = "The live feed was interrupted."; });
  const timer = setInterval(() => isCurrent() ? refreshNumbers().catch(() => {}) : clearInterval(timer), 3000);
}
