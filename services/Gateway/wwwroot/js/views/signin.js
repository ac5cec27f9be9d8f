import { signIn } from "../api.js";
import { h } from "../dom.js";
import { signInConfiguration } from "../identity.js";

export function render(view, params, onSignedIn) {
  const userName = h("input", { name: "username", autocomplete: "username", required: true, maxlength: "64" });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true, maxlength: "256" });
  const message = h("p", { class: "error", role: "alert" });
  const demoAccounts = h("p", { class: "demo", hidden: true }, "Demo accounts: alice / alice-store-demo, bob / bob-store-demo (customers), admin / admin-store-demo.");
  view.replaceChildren(h("form", {
    class: "panel stack signin",
    onsubmit: async event => {
      event.preventDefault();
      try {
        await signIn(userName.value, password.value);
        onSignedIn();
        location.hash = params.get("next") ? `#/${params.get("next")}` : "#/";
      } catch (error) {
        message.textContent = error.status === 429 ? "Too many attempts. Wait a minute." : error.message;
      }
    },
  },
  h("h1", {}, "Sign in"),
  h("label", {}, "User name", userName),
  h("label", {}, "Password", password),
  h("button", { type: "submit" }, "Sign in"),
  message,
  demoAccounts));
  // The seeded demo users exist only where the development identity signs users in (a local run).
  signInConfiguration().then(signIn => { demoAccounts.hidden = signIn.provider !== "development"; }, () => {});
}
