// Building the page from data. Every stored string goes in as text (textContent), never as markup:
// there is deliberately no way here to set innerHTML, so an article containing <script> or onerror=
// is shown as the characters it is and runs nothing.

/** An element with attributes and children; strings and numbers among the children become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A link only for http(s) addresses (a stored `javascript:` URL must not become clickable); else plain text. */
export function link(url, label) {
  let safe = null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") safe = parsed.href;
  } catch { /* not a URL: shown as text */ }
  return safe ? el("a", { href: safe, target: "_blank", rel: "noopener noreferrer" }, label ?? url) : el("span", {}, label ?? url ?? "");
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function fmt(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}

/** Count a finished redraw in ``document.body.dataset[name]``: what the benchmark (and anyone scripting the page) waits on. */
export function finished(name) {
  const data = document.body.dataset;
  data[name] = String(Number(data[name] ?? 0) + 1);
}
