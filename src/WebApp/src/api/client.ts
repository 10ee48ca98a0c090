import createClient, { type Middleware } from "openapi-fetch";
import { end, expiredMessage, getSession } from "../lib/session";
import type { paths } from "./schema";

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set("Authorization", `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A 401 on a call that carried a token means the session is over (expired, or the key was rotated).
    if (response.status === 401 && request.headers.has("Authorization")) end(expiredMessage);
    return response;
  },
};

/** The typed client of the API, generated from its OpenAPI document (src/api/schema.d.ts). Same origin. */
export const api = createClient<paths>({ baseUrl: "" });
api.use(auth);
