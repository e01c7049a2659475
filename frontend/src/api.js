// The few calls the dashboard makes to the API (docs/api.md), all to the server that served the page.

export class ApiError extends Error {}

/** GET a JSON answer; an error answer (the API's one error shape) becomes an ApiError with its message. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) query.set(key, String(value));
  }
  const qs = query.toString();
  const answer = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } });
  const body = await answer.json().catch(() => null);
  if (!answer.ok) {
    const error = body && body.error;
    throw new ApiError(error ? `${error.code}: ${error.message}` : `HTTP ${answer.status}`);
  }
  return body;
}

export const incidentPath = (id) => `/v1/incidents/${encodeURIComponent(id)}`;
