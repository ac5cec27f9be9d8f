import { api, session } from "../api.js";
import { add } from "../cart.js";
import { art, h, money, toast } from "../dom.js";
import { track } from "../clickstream.js";

// One product: details, add to cart; an admin can change its price here.
export async function render(view, id, isCurrent) {
  const product = await api(`/api/catalog/products/${encodeURIComponent(id)}`);
  // Navigated away meanwhile: drawing now would cover the newer page (and count a view nobody saw).
  if (!isCurrent()) return;
  track("product-viewed", { productId: product.id });
  const quantity = h("input", { type: "number", min: "1", max: "50", value: "1", "aria-label": "Quantity" });
  const available = product.stock.available;

  view.replaceChildren(h("div", { class: "product" },
    art(product, true),
    h("div", { class: "stack" },
      h("a", { href: `#/?category=${encodeURIComponent(product.category)}` }, "← Back to the shop"),
      h("h1", { "data-testid": "product-name" }, product.name),
      h("div", { class: "price", "data-testid": "product-price" }, money(product.price, product.currency)),
      h("p", {}, product.description),
      h("p", { class: "muted" }, available > 0 ? `${available} in stock · SKU ${product.sku}` : `Out of stock · SKU ${product.sku}`),
      h("div", { class: "row" }, quantity,
        h("button", {
          disabled: available === 0,
          onclick: () => {
            const count = Math.max(1, Math.min(50, Number(quantity.value) || 1));
            add(product, count);
            track("added-to-cart", { productId: product.id, quantity: count });
            toast(`Added ${count} × ${product.name} to the cart`);
          },
        }, "Add to cart")),
      session()?.role === "admin" ? priceEditor(product, view, isCurrent) : null)));
}

function priceEditor(product, view, isCurrent) {
  const price = h("input", { type: "number", step: "0.01", min: "0.01", value: String(product.price), "aria-label": "New price" });
  const message = h("span", { class: "muted" });
  return h("form", {
    class: "panel stack",
    onsubmit: async event => {
      event.preventDefault();
      try {
        await api(`/api/catalog/products/${product.id}`, {
          method: "PUT",
          headers: { "If-Match": `"${product.version}"` },
          body: {
            sku: product.sku, name: product.name, description: product.description, price: Number(price.value),
            currency: product.currency, category: product.category, imageUrl: product.imageUrl,
          },
        });
        toast("Price saved");
        await render(view, product.id, isCurrent);
      } catch (error) {
        message.textContent = error.message;
        message.className = "error";
      }
    },
  }, h("h2", {}, "Administration"), h("label", {}, "Price", price), h("div", { class: "row" }, h("button", { type: "submit" }, "Save price"), message));
}
