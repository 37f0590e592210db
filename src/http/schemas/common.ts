import { z } from "@hono/zod-openapi";

export const ErrorBody = z
  .object({
    error_code: z.string().openapi({ example: "CATALOG_NOT_FOUND" }),
    message: z.string(),
    details: z.array(z.object({ "@type": z.string(), reason: z.string() }).passthrough()).optional(),
  })
  .openapi("ErrorResponse");

/** Standard error responses of a UC route, for the spec. */
export const errorResponses = {
  400: { description: "Invalid argument", content: { "application/json": { schema: ErrorBody } } },
  401: { description: "Unauthenticated", content: { "application/json": { schema: ErrorBody } } },
  403: { description: "Permission denied", content: { "application/json": { schema: ErrorBody } } },
  404: { description: "Not found", content: { "application/json": { schema: ErrorBody } } },
} as const;

export const Properties = z.record(z.string(), z.string());

export const PagingQuery = z.object({
  max_results: z.coerce.number().int().optional().openapi({ description: "Page size; 0 or absent means 100, the maximum." }),
  page_token: z.string().optional().openapi({ description: "next_page_token of the previous page." }),
});

export const ForceQuery = z.object({
  force: z.enum(["true", "false"]).optional().openapi({ description: "Delete contents too." }),
});

/** JSON body of a route. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T, description?: string) => ({
  content: { "application/json": { schema } },
  required: true,
  ...(description ? { description } : {}),
});

/** A 200 JSON response. */
export const ok = <T extends z.ZodTypeAny>(schema: T, description = "OK") => ({
  200: { description, content: { "application/json": { schema } } },
  ...errorResponses,
});

/** UC deletes answer 200 with an empty JSON object. */
export const EmptyBody = z.object({}).openapi("Empty");

export const nullable = <T extends z.ZodTypeAny>(t: T) => t.nullable().optional();
