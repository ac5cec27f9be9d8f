import { api } from "../api.js";
import { art, h, money } from "../dom.js";
import { track } from "../clickstream.js";

// The storefront: categories, search results, a page of products at a time.
export async function render(view, params, isCurrent) {
  const category = params.get("category") ?? "";
  const q = params.get("q") ?? "";
  const categories = await api("/api/catalog/categories");
  // Navigated away meanwhile: drawing now would cover the newer page.
  if (!isCurrent()) return;
  const grid = h("div", { class: "grid", "data-testid": "products" });
  const more = h("div", { class: "more" });
  const title = q ? `Results for “${q}”` : categories.find(c => c.slug === category)?.name ?? "All products";
  if (q) track("searched", { query: q.slice(0, 200) });

  async function load(cursor) {
    const query = new URLSearchParams({ limit: "24", sort: q ? "name" : "name" });
    if (category) query.set("category", category);
    if (q) query.set("q", q);
    if (cursor) query.set("cursor", cursor);
    const page = await api(`/api/catalog/products?${query}`);
    grid.append(...page.items.map(card));
    more.replaceChildren(page.nextCursor ? h("button", { class: "secondary", onclick: () => load(page.nextCursor) }, "Show more") : "");
    if (grid.children.length === 0) grid.append(h("p", { class: "muted" }, "Nothing matches. Try another search."));
  }

  view.replaceChildren(h("div", { class: "layout" },
    h("aside", { class: "categories" },
      h("a", { href: "#/", class: category || q ? "" : "active" }, "All products"),
      categories.map(c => h("a", { href: `#/?category=${encodeURIComponent(c.slug)}`, class: c.slug === category ? "active" : "" }, c.name))),
    h("section", {},
      h("div", { class: "toolbar" }, h("h1", {}, title)),
      grid, more)));
  await load();
}

function card(product) {
  return h("a", { class: "card", href: `#/product/${product.id}`, "data-testid": "product-card" },
    art(product),
    h("div", { class: "body" },
      h("span", { class: "name" }, product.name),
      h("span", { class: "price" }, money(product.price, product.currency)),
      h("span", { class: "muted" }, product.stock.available > 0 ? `${product.stock.available} in stock` : "Out of stock")));
}
