// Names for the parts of the generated contract the app uses. Every type comes from schema.d.ts, by path and status,
// so a renamed schema in the OpenAPI document changes nothing here.
import type { paths } from "./schema";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type TokenResponse = Json<paths["/api/auth/login"]["post"]["responses"][200]>;
export type RegisterRequest = NonNullable<paths["/api/auth/register"]["post"]["requestBody"]>["content"]["application/json"];
export type LoginRequest = NonNullable<paths["/api/auth/login"]["post"]["requestBody"]>["content"]["application/json"];
export type Profile = NonNullable<Json<paths["/api/profile"]["get"]["responses"][200]>["profile"]>;
export type ProfileUpdate = NonNullable<paths["/api/profile/update"]["put"]["requestBody"]>["content"]["application/json"];
export type CommunityPage = Json<paths["/api/community"]["get"]["responses"][200]>;
export type Person = NonNullable<CommunityPage["alumni"]>[number];
export type UploadResult = Json<paths["/api/profile/upload-picture"]["post"]["responses"][200]>;
export type ValidationProblem =
  paths["/api/profile/update"]["put"]["responses"][400]["content"]["application/problem+json"];
