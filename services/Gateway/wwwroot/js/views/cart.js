import { session } from "../api.js";
import { clear, lines, setQuantity } from "../cart.js";
import { placeOrder } from "../checkout.js";
import { h, money } from "../dom.js";

// The cart and checkout: the payment token stands in for a card form (the payment provider is simulated).
export function render(view) {
  const items = lines();
  if (items.length === 0) {
    view.replaceChildren(h("div", { class: "panel" }, h("h1", {}, "Your cart is empty"), h("a", { href: "#/" }, "Continue shopping")));
    return;
  }

  const currency = items[0].currency;
  const total = items.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const card = h("select", { "aria-label": "Card" },
    h("option", { value: "tok_approve" }, "Visa ending 4242 (approves)"),
    h("option", { value: "tok_decline" }, "Mastercard ending 0002 (declines)"),
    h("option", { value: "tok_slow_2000" }, "Amex ending 0005 (slow bank)"));
  const message = h("p", { class: "error" });
  const busy = h("p", { class: "notice", role: "status", "data-testid": "order-busy", hidden: true });
  const place = h("button", {
    "data-testid": "place-order",
    onclick: async () => {
      if (!session()) { location.hash = "#/sign-in?next=cart"; return; }
      place.disabled = true;
      message.textContent = "";
      try {
        const order = await placeOrder(
          { lines: items.map(line => ({ productId: line.productId, quantity: line.quantity })), paymentToken: card.value },
          seconds => { busy.hidden = false; busy.textContent = `The store is busy — retrying your order in ${seconds} s…`; });
        clear();
        location.hash = `#/order/${order.id}`;
      } catch (error) {
        busy.hidden = true;
        message.textContent = error.message;
        place.disabled = false;
      }
    },
  }, session() ? "Place order" : "Sign in to order");

  view.replaceChildren(h("div", { class: "panel stack" },
    h("h1", {}, "Your cart"),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "Product"), h("th", {}, "Price"), h("th", {}, "Quantity"), h("th", {}, "Subtotal"))),
      h("tbody", {}, items.map(line => h("tr", {},
        h("td", {}, h("a", { href: `#/product/${line.productId}` }, line.name)),
        h("td", {}, money(line.price, line.currency)),
        h("td", {}, h("input", {
          type: "number", min: "0", max: "50", value: String(line.quantity), "aria-label": `Quantity of ${line.name}`,
          onchange: event => { setQuantity(line.productId, Math.max(0, Math.min(50, Number(event.target.value) || 0))); render(view); },
        })),
        h("td", {}, money(line.price * line.quantity, line.currency)))))),
    h("div", { class: "row" }, h("strong", {}, `Total ${money(total, currency)}`)),
    h("label", {}, "Pay with", card),
    h("div", { class: "row" }, place), busy, message));
}
