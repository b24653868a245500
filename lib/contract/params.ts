// Path parameters of the API routes. A parameter that is not well-formed names nothing (and a NUL in one made
// Postgres fail the lookup: a 500), so parseParams refuses it with a 400 naming the parameter. Each one's
// description says what it must be, for that answer.
import { z } from "zod";
import { slug } from "./common";
import { keyName } from "./accounts";
import { checklistItem } from "./scorecard";
import { outputId } from "./review";
import { EVENT_TYPES } from "./vocabulary";

/**
 * What each path parameter accepts, for its description (lib/openapi): the transform that gives a parameter its one
 * message hides the schema it checks from zod's JSON Schema output.
 */
export const pathParamAccepts = new WeakMap<object, z.ZodType>();

/** A path parameter `schema` accepts, refused with one message whichever of its checks failed. */
function pathParam<T>(schema: z.ZodType<T>, description: string, mustBe: string) {
  const param = z
    .string()
    .transform((value, context) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      context.addIssue({ code: "custom", message: mustBe });
      return z.NEVER;
    })
    .describe(description);
  pathParamAccepts.set(param, schema);
  return param;
}

const workflowKey = pathParam(slug, "a workflow key", "must be a workflow key (a slug)");

export const eventTypeParams = z.object({
  type: pathParam(z.enum(EVENT_TYPES), "an event type", `must be one of ${EVENT_TYPES.join(", ")}`),
});

/** An alert channel's key. */
export const channelParams = z.object({ key: pathParam(slug, "an alert channel key", "must be an alert channel key (a slug)") });

export const workflowParams = z.object({ workflow: workflowKey });

export const checklistItemParams = z.object({
  key: workflowKey,
  item: pathParam(checklistItem, "a checklist item", `must be one of ${checklistItem.options.join(", ")}`),
});

export const keyParams = z.object({ name: pathParam(keyName, "a key name", "may hold letters, digits, . _ @ and -") });

export const reviewItemParams = z.object({ outputId: pathParam(outputId, "an output's event id", "must be an event id (1 to 128 characters)") });

/** User ids are UUIDs; anything else names no user. */
export const USER_ID = /^[\w-]{1,64}$/;
export const userParams = z.object({ id: pathParam(z.string().regex(USER_ID), "a user id", "must be a user id") });

export const sourceParams = z.object({ key: pathParam(slug, "a data source's key", "must be a source key (a slug)") });
