"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { ActionError, adminAction } from "@/lib/actions/action";
import { ImportFileError, importOrdersCsv } from "./import-orders";
import { createIntegration, IntegrationError, revokeIntegration } from "./integrations";
import { createIntegrationSchema, importOrdersSchema, revokeIntegrationSchema } from "./schemas";

/** Admin → "Create integration": the secret is in this result and nowhere else, ever. */
export const createIntegrationAction = adminAction(createIntegrationSchema, async ({ input, ctx }) => {
  const { integration, secret } = await createIntegration({ name: input.name, actorId: ctx.user.id });
  revalidatePath("/admin/integrations");
  return { id: integration.id, name: integration.name, secret };
});

/** Admin → "Revoke": the integration's next request is refused. */
export const revokeIntegrationAction = adminAction(revokeIntegrationSchema, async ({ input, ctx }) => {
  try {
    const integration = await revokeIntegration({ id: input.id, actorId: ctx.user.id, reason: input.reason });
    revalidatePath("/admin/integrations");
    return { id: integration.id, name: integration.name };
  } catch (error) {
    if (error instanceof IntegrationError) throw new ActionError(error.message, error.code);
    throw error;
  }
});

/** Admin → "Import orders" (CSV): the same ingestion as the API, so a re-upload only reports duplicates. */
export const importOrdersAction = adminAction(importOrdersSchema, async ({ input, ctx }) => {
  let report;
  try {
    report = await importOrdersCsv(input.integrationId, await input.file.text());
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw new ActionError(error.line ? `Line ${error.line}: ${error.message}` : error.message, "invalid_input", error.line ? { file: [error.message] } : { integrationId: [error.message] });
    }
    throw error;
  }
  await writeAudit(db, {
    actorId: ctx.user.id,
    action: "orders.imported",
    entityType: "integration",
    entityId: input.integrationId,
    after: { file: input.file.name, created: report.created, duplicate: report.duplicate, errors: report.errors },
  });
  revalidatePath("/admin/integrations");
  return report;
});
